package io.banditore.channel.shortvideo.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.ibm.icu.text.BreakIterator;

class TextMeasureTest {

    private static final List<String> TEXTS = List.of(
            "Allerta arancione per piogge intense: evitate i sottopassi – “non usate l’auto”… 30 € al giorno, 45°C, 100%.",
            "ESERCITAZIONE · REVOCA", "e\u0301 (an e and a combining acute)", "\u0301 a mark first", "line\r\nbreak", "cr\r alone",
            "flags 🇮🇹🇪🇺 and a family 👨‍👩‍👧 and a keycap 1️⃣", "Ærø, Łódź, Đakovo, ǅ", "soft\u00adhyphen", "", " ",
            "devanagari क्षि and hangul 한국어", "‹guillemets› ‰ ‱ ⁂");

    @Test
    void everyTextCountsAsTheBreakIteratorCountsIt() {
        for (String text : TEXTS) {
            assertThat(TextMeasure.characters(text)).as(text).isEqualTo(icu(text));
        }
    }

    @Test
    void wordsJoinedBySpacesCountTheirCharactersAndTheSpacesWhenEachStandsApart() {
        List<String> words = List.of("Allerta", "arancione:", "l’auto", "🇮🇹", "👨‍👩‍👧", "e\u0301", "क्षि");
        for (String word : words) {
            assertThat(TextMeasure.standsApart(word)).as(word).isTrue();
        }
        int sum = words.stream().mapToInt(TextMeasure::characters).sum();
        assertThat(TextMeasure.characters(String.join(" ", words))).isEqualTo(sum + words.size() - 1);
        // A word that begins with a combining mark joins the space before it: it does not stand apart.
        assertThat(TextMeasure.standsApart("\u0301x")).isFalse();
        assertThat(TextMeasure.characters("a \u0301x")).isEqualTo(3);
    }

    private static int icu(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
