package io.banditore.channel.shortvideo.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Subtitles keep their limits whatever the text: short, long, accented (even decomposed), full of emoji. */
class CueSplitterTest {

    private static final SubtitleRules RULES = SubtitleRules.standard(14, 100);
    private final CueSplitter splitter = new CueSplitter(RULES);

    @ParameterizedTest
    @ValueSource(strings = { "short.txt", "long-it.txt", "accented.txt", "emoji.txt" })
    void everyCueKeepsTheLimits(String name) throws IOException {
        String text = read(name);
        List<Cue> cues = splitter.cues(List.of(text), "it-IT");

        assertThat(cues).isNotEmpty();
        long previousEnd = 0;
        for (Cue cue : cues) {
            assertThat(cue.lines()).as("cue %d", cue.index()).hasSizeBetween(1, 2);
            assertThat(cue.lines()).allSatisfy(line -> {
                assertThat(TextMeasure.characters(line)).as("line '%s'", line).isLessThanOrEqualTo(42);
                assertThat(line).isEqualTo(line.strip()).isNotEmpty();
            });
            assertThat(cue.charactersPerSecond()).as("reading speed of cue %d", cue.index()).isLessThanOrEqualTo(17.0);
            assertThat(cue.durationMs()).as("duration of cue %d", cue.index()).isBetween(834L, 7000L);
            assertThat(cue.startMs()).as("cue %d starts after the one before ends", cue.index()).isGreaterThan(previousEnd);
            assertThat(cue.startMs() % 100).isZero();
            assertThat(cue.endMs() % 100).isZero();
            previousEnd = cue.endMs();
        }
        assertThat(cues).extracting(Cue::index).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, cues.size()).boxed().toList());
        // Nothing lost, nothing added, nothing reordered.
        assertThat(words(cues)).containsExactlyElementsOf(Arrays.asList(Normalizer.normalize(text, Normalizer.Form.NFC).strip().split("\\s+")));
    }

    @Test
    void decomposedAccentsCountAsOneCharacterEach() throws IOException {
        String composed = read("accented.txt");
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed.length()).isGreaterThan(composed.length());

        List<Cue> fromDecomposed = splitter.cues(List.of(decomposed), "it");
        List<Cue> fromComposed = splitter.cues(List.of(composed), "it");

        // The same cues, at the same times, in the composed form a font draws best.
        assertThat(fromDecomposed).isEqualTo(fromComposed);
        assertThat(fromDecomposed.get(0).text()).startsWith("Perché è già così?");
    }

    @Test
    void emojiCountAsWhatAReaderSees() {
        assertThat(TextMeasure.characters("👨‍👩‍👧‍👦")).isEqualTo(1);
        assertThat(TextMeasure.characters("🇮🇹")).isEqualTo(1);
        assertThat(TextMeasure.characters("1️⃣")).isEqualTo(1);
        assertThat(TextMeasure.characters("👍🏽")).isEqualTo(1);
        assertThat(TextMeasure.withoutPictographs("⚠️ Allerta 🔴 rossa 👨‍👩‍👧‍👦 🇮🇹 1️⃣1️⃣2️⃣ 👍🏽 a 30 °C, 5 € e 40%"))
                .isEqualTo(" Allerta  rossa   112  a 30 °C, 5 € e 40%");
    }

    @Test
    void cuesBreakWhereASpeakerPauses() throws IOException {
        List<Cue> cues = splitter.cues(List.of(read("long-it.txt")), "it");
        Set<String> clinging = Set.of("il", "lo", "la", "i", "gli", "le", "un", "una", "di", "a", "da", "in", "con", "su", "per",
                "del", "della", "dei", "delle", "al", "alla", "e", "o", "non");

        int atPunctuation = 0;
        for (int i = 0; i < cues.size() - 1; i++) {
            String end = last(cues.get(i).text());
            assertThat(clinging).as("cue %d ends with '%s'", i + 1, end).doesNotContain(end.toLowerCase());
            if (cues.get(i).text().matches(".*[.,;:!?]$")) {
                atPunctuation++;
            }
        }
        for (Cue cue : cues) {
            if (cue.lines().size() == 2) {
                assertThat(clinging).as("line break after '%s'", last(cue.lines().get(0)))
                        .doesNotContain(last(cue.lines().get(0)).toLowerCase());
            }
        }
        // Most cues end at a punctuation mark; the rest before a conjunction or preposition, never inside a phrase.
        assertThat(atPunctuation).isGreaterThanOrEqualTo((cues.size() - 1) / 2);
    }

    @Test
    void aShortSentenceIsOneCueShownForItsMinimumTime() {
        List<Cue> cues = splitter.cues(List.of("Allerta gialla."), "it");
        assertThat(cues).singleElement().satisfies(c -> {
            assertThat(c.lines()).containsExactly("Allerta gialla.");
            // 15 characters at 14 a second: 1.1 s, above the 5/6 s minimum.
            assertThat(c.durationMs()).isEqualTo(1100);
        });
        assertThat(splitter.cues(List.of("Sì."), "it")).singleElement().extracting(Cue::durationMs).isEqualTo(900L);
    }

    @Test
    void aWordLongerThanALineIsCutWithAHyphen() {
        String url = "https://www.protezionecivile.gov.it/it/notizie/allerta-meteo-piemonte-0000";
        List<Cue> cues = splitter.cues(List.of("Vedete " + url), "it");
        assertThat(cues).allSatisfy(c -> assertThat(c.lines()).allSatisfy(l -> assertThat(TextMeasure.characters(l)).isLessThanOrEqualTo(42)));
        assertThat(String.join("", cues.stream().flatMap(c -> c.lines().stream()).toList()).replace("- ", "").replace("-", ""))
                .contains(url.replace("-", ""));
    }

    @Test
    void partsNeverShareACue() {
        List<Cue> cues = splitter.cues(List.of("MESSAGGIO DI TEST – non è un'allerta reale.", "Allerta gialla."), "it");
        assertThat(cues).extracting(Cue::text).containsExactly("MESSAGGIO DI TEST – non è un'allerta reale.", "Allerta gialla.");
    }

    private static List<String> words(List<Cue> cues) {
        return cues.stream().flatMap(c -> Arrays.stream(c.text().split(" "))).toList();
    }

    private static String last(String text) {
        String[] words = text.split(" ");
        return words[words.length - 1].replaceAll("[.,;:!?]+$", "");
    }

    static String read(String name) throws IOException {
        try (InputStream in = CueSplitterTest.class.getClassLoader().getResourceAsStream("shortvideo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
