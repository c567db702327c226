package io.banditore.channel.shortvideo.subtitle;

import java.text.Normalizer;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;

/**
 * Text as a reader counts it: characters are grapheme clusters of the NFC form (an accented letter typed as two code
 * points is one character; so is a flag or a family emoji), and pictographs can be taken out of what is spoken.
 */
public final class TextMeasure {

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int COMBINING_KEYCAP = 0x20E3;

    private TextMeasure() {
    }

    public static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The number of user-perceived characters. */
    public static int characters(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * The text without emoji and other pictographs, nor the joiners, variation selectors, skin tones and tags that
     * build them: what remains is what a voice can say and any font can draw. Letters, digits and symbols such as
     * °, € or % stay.
     */
    public static String withoutPictographs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isPictographic(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    static boolean isPictographic(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_MODIFIER)
                || UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR)
                || cp == ZERO_WIDTH_JOINER || cp == COMBINING_KEYCAP
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
