package io.banditore.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.banditore.alert.Alert;
import io.banditore.channel.Part;
import io.banditore.support.Samples;

class TelegramRendererTest {

    private final TelegramRenderer renderer = new TelegramRenderer(Samples.wording());

    @Test
    void anOrdinaryAlertIsOneMessageWithEveryPieceOfUserTextEscaped() {
        Alert alert = Samples.alert(a -> {
            Samples.info(a).put("headline", "Allerta <b>rossa</b> & \"fuga\" di gas");
            Samples.info(a).put("instruction", "Chiudete le finestre. <a href=\"https://evil.example\">clicca</a>");
        });

        List<String> parts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(parts).hasSize(1);
        String text = parts.get(0);
        assertThat(text).contains("<b>Allerta &lt;b&gt;rossa&lt;/b&gt; &amp; \"fuga\" di gas</b>")
                .contains("&lt;a href=\"https://evil.example\"&gt;clicca&lt;/a&gt;")
                .doesNotContain("<a ").doesNotContain("<b>rossa");
        assertBalanced(text);
    }

    @Test
    void aLongAlertIsSplitOnSentencesIntoLabelledPartsWithinTheLimit() {
        String sentence = "Il livello del fiume continua a salire e le squadre sono al lavoro lungo gli argini. ";
        Alert alert = Samples.alert(a -> {
            a.put("status", "Exercise");
            Samples.info(a).put("description", sentence.repeat(120).strip());
        });

        List<String> parts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(TelegramRenderer.MAX_LENGTH);
            // Each part may be read alone: each one says this is an exercise.
            assertThat(p).startsWith("<b>⚠️ ESERCITAZIONE");
            assertBalanced(p);
        });
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i)).contains("(segue " + (i + 1) + "/" + parts.size() + ")");
        }
        // Cut between sentences: every part but the last ends a sentence, or ends the section it closed.
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p.replaceAll("(</[bi]>)+$", "")).endsWith("."));
        String joined = String.join(" ", parts);
        assertThat(joined.split("continua a salire", -1)).hasSize(121);
        assertThat(parts.get(parts.size() - 1)).endsWith("— Prefettura di Torino");
    }

    @Test
    void aCutInsideBoldTextClosesAndReopensIt() {
        String longInstruction = "Restate in casa e seguite le indicazioni delle autorità locali. ".repeat(80).strip();
        Alert alert = Samples.alert(a -> Samples.info(a).put("instruction", longInstruction));

        List<String> parts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(TelegramRendererTest::assertBalanced);
    }

    @Test
    void anEnglishBlockIsItsOwnEnglishMessage() {
        Alert alert = Samples.alert(a -> {
            // Trieste's alert, so that both blocks cover the town they are rendered for.
            ((com.fasterxml.jackson.databind.node.ObjectNode) Samples.info(a).path("area").get(0).path("geocode").get(0)).put("value", "032006");
            var en = Samples.info(a).deepCopy();
            en.put("language", "en-GB");
            en.put("headline", "Orange warning for heavy rain");
            en.put("instruction", "Avoid underpasses.");
            a.withArray("info").add(en);
        });
        var trieste = new io.banditore.directory.Target("trieste", "Comune di Trieste", "032006", null, null, List.of("it", "en"), false,
                Samples.chivasso().channels());

        List<String> parts = texts(renderer.render(Samples.request(alert, trieste)));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).contains("Cosa fare:");
        assertThat(parts.get(1)).contains("<b>Orange warning for heavy rain</b>").contains("<b>What to do:</b> Avoid underpasses.");
    }

    private static List<String> texts(List<Part> parts) {
        return parts.stream().map(Part::text).toList();
    }

    /** Every <b> and <i> opened is closed, in order. */
    private static void assertBalanced(String html) {
        Matcher m = Pattern.compile("<(/?)(b|i)>").matcher(html);
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group(2));
            } else {
                assertThat(open).as("closing %s in %s", m.group(2), html).isNotEmpty();
                assertThat(open.pop()).isEqualTo(m.group(2));
            }
        }
        assertThat(open).as("left open in %s", html).isEmpty();
    }
}
