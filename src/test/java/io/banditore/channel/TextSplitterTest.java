package io.banditore.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.banditore.channel.x.XRenderer;

/** The last-resort cut inside a word: the pieces a scan from the end gave, found without one measure per code point. */
class TextSplitterTest {

    record Case(String name, String text, int limit, boolean weighted) {
        ToIntFunction<String> length() {
            return weighted ? XRenderer::weightedLength : String::length;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> longWords() {
        String family = "👨‍👩‍👧‍👦";
        return List.of(
                new Case("CJK run, weighted", "請遠離河岸和地下通道。".repeat(50), 268, true),
                new Case("Latin run, weighted", "Precipitazioniintenseepersistenti".repeat(25), 268, true),
                new Case("Latin run, UTF-16", "Precipitazioniintenseepersistenti".repeat(300), 4000, false),
                new Case("emoji sequences, weighted", (family + "🌊🇮🇹").repeat(60), 268, true),
                new Case("emoji and accents, UTF-16", ("città🌧️perché" + family).repeat(400), 4000, false),
                new Case("links inside a word, weighted",
                        ("。avviso/https://www.prefettura-di-torino-protezione-civile.example.it/allerta/" + "a".repeat(40) + "/").repeat(12),
                        268, true),
                new Case("long host after text, weighted", "x".repeat(250) + "/https://www.protezionecivile-regione-piemonte.example.com/"
                        + "b".repeat(200) + "豪雨".repeat(100), 268, true));
    }

    @ParameterizedTest
    @MethodSource("longWords")
    void theCutPiecesAreThoseOfTheScanFromTheEnd(Case c) {
        List<String> pieces = TextSplitter.hardCut(c.text(), c.limit(), c.length());

        assertThat(pieces).isEqualTo(scanFromTheEnd(c.text(), c.limit(), c.length()));
        assertThat(String.join("", pieces)).isEqualTo(c.text());
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(c.length().applyAsInt(p)).isLessThanOrEqualTo(c.limit()));
    }

    /** The cut as it was first written: from the end of the rest, one code point at a time, each time measuring the whole run. */
    private static List<String> scanFromTheEnd(String text, int limit, ToIntFunction<String> length) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.length();
            while (end > start && length.applyAsInt(text.substring(start, end)) > limit) {
                end = text.offsetByCodePoints(end, -1);
            }
            if (end == start) {
                end = text.offsetByCodePoints(start, 1);
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }
}
