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
    /** A break iterator per thread: making one copies ICU's rules, and it is not safe to share. */
    private static final ThreadLocal<BreakIterator> GRAPHEMES = ThreadLocal.withInitial(BreakIterator::getCharacterInstance);

    private TextMeasure() {
    }

    public static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The number of user-perceived characters. */
    public static int characters(String text) {
        if (eachCharStandsAlone(text)) {
            return text.length();
        }
        BreakIterator graphemes = GRAPHEMES.get();
        graphemes.setText(text);
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * Whether every char of the text is a character of its own: Latin letters (accented ones precomposed), digits,
     * the punctuation of General Punctuation (dashes, quotes, the ellipsis) and currency signs are, and no rule of
     * grapheme clusters joins them to a neighbour; a carriage return is not (CR LF is one). Most alert texts pass,
     * and are counted without the break iterator.
     */
    private static boolean eachCharStandsAlone(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alone = c < 0x300 ? c != '\r' : (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x20A0 && c <= 0x20C0);
            if (!alone) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a word is a run of characters of its own when joined to others by spaces: it does not begin with a mark
     * that joins what precedes it (a combining mark, a spacing mark, a joiner) nor end with one that joins what
     * follows (a prepended mark).
     */
    public static boolean standsApart(String word) {
        if (word.isEmpty()) {
            return true;
        }
        int first = UCharacter.getIntPropertyValue(word.codePointAt(0), UProperty.GRAPHEME_CLUSTER_BREAK);
        int last = UCharacter.getIntPropertyValue(word.codePointBefore(word.length()), UProperty.GRAPHEME_CLUSTER_BREAK);
        return first != UCharacter.GraphemeClusterBreak.EXTEND && first != UCharacter.GraphemeClusterBreak.SPACING_MARK
                && first != UCharacter.GraphemeClusterBreak.ZWJ && last != UCharacter.GraphemeClusterBreak.PREPEND;
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
