package io.banditore.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.shortvideo.ShortVideoFixtures;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.channel.telegram.TelegramRenderer;
import io.banditore.channel.x.XRenderer;
import io.banditore.directory.Target;
import io.banditore.support.Samples;

/** The rules every channel's text follows, written once in the wording model, checked on each channel's exact text. */
class WordingRulesTest {

    private static final String HEADLINE = "Allerta arancione per piogge intense";
    private static final String INSTRUCTION = "Evitate i sottopassi e le zone vicine ai corsi d'acqua. Non usate l'auto se non necessario.";

    private final TelegramRenderer telegram = new TelegramRenderer(Samples.wording());
    private final XRenderer x = new XRenderer(Samples.wording());
    private final CaptionRenderer captions = new CaptionRenderer(ShortVideoFixtures.config(), Samples.wording());
    /** Chivasso with all three accounts, reading Italian and English. */
    private final Target chivasso = languages(ShortVideoFixtures.town("chivasso"), List.of("it", "en"));
    private final Target trieste = ShortVideoFixtures.town("trieste");

    @Test
    void aCancelWithoutInfoIsWrittenFromTheAlertItWithdrawsInEachOfItsLanguages() {
        Alert original = Samples.alert(WordingRulesTest::withEnglish);
        Alert cancel = Samples.alert(a -> {
            a.put("identifier", "TO-REVOCA-1").put("msgType", "Cancel").remove("info");
            a.put("references", original.sender() + "," + original.identifier() + "," + original.sent());
        });
        RenderRequest request = new RenderRequest(cancel, List.of(original), chivasso, false, Instant.now());

        assertThat(telegram.render(request)).containsExactly(
                new Part("<b>REVOCA:</b> <b>" + HEADLINE + "</b> — Prefettura di Torino", null),
                new Part("<b>CANCELLED:</b> <b>Orange warning for heavy rain</b> — Prefettura di Torino", null));
        assertThat(texts(x.render(request))).containsExactly(
                "REVOCA: " + HEADLINE + " — Prefettura di Torino\n#Chivasso 1/2",
                "CANCELLED: Orange warning for heavy rain — Prefettura di Torino\n#Chivasso 2/2");

        List<CaptionPackage> packages = captions.packages("cancel-1", request);
        assertThat(packages).hasSize(2);
        CaptionPackage it = packages.get(0);
        assertThat(it.caption()).isEqualTo("REVOCA: " + HEADLINE + " — Prefettura di Torino\n\n@comunedichivasso #ChivassoSocial");
        assertThat(it.caption()).hasSize(102);
        assertThat(it.variants().shorts().text()).isEqualTo("ℹ️ REVOCA: " + HEADLINE + " #ChivassoSocial");
        assertThat(it.script()).isEqualTo("REVOCA: " + HEADLINE + ". Fonte: Prefettura di Torino.");
        assertThat(it.scriptAbridged()).isFalse();
        assertThat(it.card().level()).isEqualTo("REVOCA");
        assertThat(it.card().headline()).isEqualTo(HEADLINE);
        assertThat(it.card().area()).isNull();
        assertThat(it.card().validity()).isNull();
        assertThat(it.card().background()).isEqualTo("#455A64");
        assertThat(packages.get(1).caption()).startsWith("CANCELLED: Orange warning for heavy rain — Prefettura di Torino");
        assertThat(packages.get(1).script()).isEqualTo("CANCELLED: Orange warning for heavy rain. Source: Prefettura di Torino.");
    }

    @Test
    void aTownAnUpdateNoLongerCoversIsToldSoLabelledUpdate() {
        Alert update = Samples.alert(a -> withEnglish(a.put("msgType", "Update")));
        Instant expires = update.info().get(0).expires().toInstant();
        RenderRequest request = new RenderRequest(update, List.of(), chivasso, true, Instant.now());

        assertThat(telegram.render(request)).containsExactly(
                new Part("<b>AGGIORNAMENTO:</b> <b>" + HEADLINE + "</b> — Prefettura di Torino\nl'allerta non riguarda più Comune di Chivasso", expires),
                new Part("<b>UPDATE:</b> <b>Orange warning for heavy rain</b> — Prefettura di Torino\nthis alert no longer concerns Comune di Chivasso",
                        expires));
        assertThat(texts(x.render(request))).containsExactly(
                "AGGIORNAMENTO: " + HEADLINE + " — Prefettura di Torino\nl'allerta non riguarda più Comune di Chivasso\n#Chivasso 1/2",
                "UPDATE: Orange warning for heavy rain — Prefettura di Torino\nthis alert no longer concerns Comune di Chivasso\n#Chivasso 2/2");
        CaptionPackage pkg = captions.packages("update-1", request).get(0);
        assertThat(pkg.caption()).isEqualTo("AGGIORNAMENTO: " + HEADLINE + " — Prefettura di Torino\nl'allerta non riguarda più Comune di Chivasso"
                + "\n\n@comunedichivasso #ChivassoSocial");
        assertThat(pkg.script()).isEqualTo("AGGIORNAMENTO: " + HEADLINE + ". l'allerta non riguarda più Comune di Chivasso. Fonte: Prefettura di Torino.");
        assertThat(pkg.card().level()).isEqualTo("AGGIORNAMENTO");
        assertThat(pkg.card().area()).isEqualTo("l'allerta non riguarda più Comune di Chivasso");
    }

    @Test
    void everyPartOfALongCancelSaysRevoca() {
        String sentence = "Il livello del fiume è tornato sotto la soglia di guardia e gli argini sono stati ispezionati. ";
        Alert cancel = Samples.alert(a -> {
            a.put("status", "Exercise").put("msgType", "Cancel");
            Samples.info(a).put("description", sentence.repeat(350).strip());
        });
        RenderRequest request = Samples.request(cancel, chivasso);

        List<String> parts = texts(telegram.render(request));
        assertThat(parts).hasSize(9);
        assertThat(parts.get(0)).startsWith("<b>⚠️ ESERCITAZIONE – non è un'allerta reale</b>\n\n🟠 <b>REVOCA:</b> <b>" + HEADLINE + "</b>\n");
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i)).startsWith("<b>⚠️ ESERCITAZIONE – non è un'allerta reale</b>\n\n<b>REVOCA</b> <i>(segue " + (i + 1) + "/9)</i>\n");
            assertThat(parts.get(i).length()).isLessThanOrEqualTo(TelegramRenderer.MAX_LENGTH);
        }

        List<String> posts = texts(x.render(request));
        assertThat(posts).hasSizeGreaterThan(9);
        assertThat(posts.get(0)).startsWith("⚠️ ESERCITAZIONE – non è un'allerta reale\n🟠 REVOCA: " + HEADLINE);
        for (int i = 1; i < posts.size(); i++) {
            assertThat(posts.get(i)).startsWith("[ESERCITAZIONE] [REVOCA] ").endsWith(" " + (i + 1) + "/" + posts.size());
            assertThat(XRenderer.weightedLength(posts.get(i))).isLessThanOrEqualTo(XRenderer.MAX_WEIGHTED_LENGTH);
        }
    }

    @Test
    void aTownGetsTheInfoBlocksWhoseAreasCoverIt() {
        Alert alert = Samples.alert(a -> {
            ObjectNode trieste = Samples.info(a).deepCopy();
            trieste.put("headline", "Mareggiata a Trieste");
            ((ObjectNode) trieste.path("area").get(0)).put("areaDesc", "Trieste").withArray("geocode").removeAll()
                    .addObject().put("valueName", "ISTAT").put("value", "032006");
            a.withArray("info").add(trieste);
        });

        assertThat(texts(telegram.render(Samples.request(alert, chivasso)))).singleElement().asString()
                .startsWith("🟠 <b>" + HEADLINE + "</b>\n📍 Zona: Chivasso &lt;&amp; dintorni&gt;\n");
        assertThat(texts(x.render(Samples.request(alert, chivasso)))).hasSize(2).allSatisfy(p -> assertThat(p).doesNotContain("Trieste"))
                .first().asString().startsWith("🟠 " + HEADLINE + " – Chivasso");
        assertThat(captions.packages("a", Samples.request(alert, chivasso))).singleElement()
                .satisfies(p -> assertThat(p.caption()).startsWith("🟠 " + HEADLINE + "\n"));

        assertThat(texts(telegram.render(Samples.request(alert, trieste)))).singleElement().asString()
                .startsWith("🟠 <b>Mareggiata a Trieste</b>\n📍 Zona: Trieste\n");

        // Without areas, every block is for every town the alert is sent to.
        Alert noAreas = Samples.alert(a -> {
            withEnglish(a);
            a.path("info").forEach(i -> ((ObjectNode) i).remove("area"));
        });
        assertThat(texts(telegram.render(Samples.request(noAreas, chivasso)))).hasSize(2);
        assertThat(texts(x.render(Samples.request(noAreas, chivasso)))).hasSize(3).allSatisfy(p -> assertThat(p).endsWith("/3"))
                .last().asString().startsWith("🟠 Orange warning for heavy rain");
        assertThat(captions.packages("a", Samples.request(noAreas, chivasso))).extracting(CaptionPackage::language).containsExactly("it-IT", "en-GB");
    }

    @Test
    void anExpiredBlockIsNeverRenderedAndEachPartCarriesTheExpiryOfItsBlock() {
        Alert alert = Samples.alert(a -> {
            withEnglish(a);
            ((ObjectNode) a.path("info").get(1)).put("expires", Samples.info(a).path("effective").asText());
        });
        Instant italianExpiry = alert.info().get(0).expires().toInstant();
        Instant englishExpiry = alert.info().get(1).expires().toInstant();
        assertThat(englishExpiry).isBefore(italianExpiry);

        RenderRequest before = new RenderRequest(alert, List.of(), chivasso, false, englishExpiry.minusSeconds(1));
        assertThat(telegram.render(before)).extracting(Part::expires).containsExactly(italianExpiry, englishExpiry);
        // On X the Italian block takes two posts of the thread, the English one the third.
        assertThat(x.render(before)).extracting(Part::expires).containsExactly(italianExpiry, italianExpiry, englishExpiry);

        RenderRequest after = new RenderRequest(alert, List.of(), chivasso, false, englishExpiry);
        assertThat(telegram.render(after)).singleElement().satisfies(p -> {
            assertThat(p.text()).contains(HEADLINE).doesNotContain("Orange warning");
            assertThat(p.expires()).isEqualTo(italianExpiry);
        });
        assertThat(x.render(after)).hasSize(2).allSatisfy(p -> {
            assertThat(p.text()).doesNotContain("Orange warning");
            assertThat(p.expires()).isEqualTo(italianExpiry);
        });
        assertThat(captions.render("a", after)).singleElement().satisfies(c -> {
            assertThat(c.pkg().language()).isEqualTo("it-IT");
            assertThat(c.expires()).isEqualTo(italianExpiry);
        });
        // An alert whose every block has expired renders nothing at all.
        assertThat(telegram.render(new RenderRequest(alert, List.of(), chivasso, false, italianExpiry.plus(Duration.ofMinutes(1))))).isEmpty();
    }

    @Test
    void whenRoomIsShortTheDescriptionGivesWayBeforeTheInstruction() {
        String description = "Precipitazioni intense e persistenti con allagamenti diffusi nei sottopassi e nelle zone basse. ".repeat(40).strip();
        Alert alert = Samples.alert(a -> Samples.info(a).put("description", description));
        Info info = alert.info().get(0);
        String validity = "🕒 Valido fino al " + DateTimeFormatter.ofPattern("d/M/yyyy HH:mm").format(info.expires().atZoneSameInstant(ZoneId.of("Europe/Rome")));

        CaptionPackage pkg = captions.packages("a", Samples.request(alert, ShortVideoFixtures.town("chivasso"))).get(0);
        String tiktok = pkg.variants().tiktok().text();
        assertThat(tiktok).hasSizeLessThanOrEqualTo(CaptionRenderer.MAX_LENGTH).hasSizeGreaterThan(CaptionRenderer.MAX_LENGTH - 100);
        assertThat(tiktok).startsWith("🟠 " + HEADLINE + "\n📍 Zona: Chivasso <& dintorni>\n\nPrecipitazioni intense")
                .endsWith("…\n\nCosa fare: " + INSTRUCTION + "\n\n" + validity + "\n🔗 https://www.prefettura.it/torino\n— Prefettura di Torino"
                        + "\n\n@comunedichivasso #ChivassoSocial");
        assertThat(pkg.variants().reels().text()).contains("…\n\nCosa fare: " + INSTRUCTION + "\n\n");

        // The video: all of what to do is said, and as much of what happens as there is time for.
        assertThat(pkg.script()).contains("Cosa fare: " + INSTRUCTION).contains("Precipitazioni intense").endsWith("Tutti i dettagli nel testo del post.");
        assertThat(pkg.scriptAbridged()).isTrue();
    }

    @Test
    void oneLevelMappingForEveryChannel() {
        Alert red = Samples.alert(a -> {
            withEnglish(a);
            a.path("info").forEach(i -> ((ObjectNode) i.path("parameter").get(0)).put("value", "rossa"));
        });
        assertThat(texts(telegram.render(Samples.request(red, chivasso)))).allSatisfy(t -> assertThat(t).startsWith("🔴 <b>"));
        assertThat(texts(x.render(Samples.request(red, chivasso)))).hasSize(3).satisfies(posts -> {
            assertThat(posts.get(0)).startsWith("🔴 " + HEADLINE);
            assertThat(posts.get(2)).startsWith("🔴 Orange warning");
        });
        List<CaptionPackage> packages = captions.packages("a", Samples.request(red, chivasso));
        assertThat(packages).extracting(p -> p.card().level()).containsExactly("ALLERTA ROSSA", "RED ALERT");
        assertThat(packages).extracting(p -> p.card().background()).containsOnly("#B71C1C");
        assertThat(packages).allSatisfy(p -> assertThat(p.caption()).startsWith("🔴 "));

        // Without a colour, CAP's severity: the same emoji and colour, the danger in words.
        Alert extreme = Samples.alert(a -> {
            Samples.info(a).remove("parameter");
            Samples.info(a).put("severity", "Extreme");
        });
        assertThat(texts(telegram.render(Samples.request(extreme, chivasso))).get(0)).startsWith("🔴 <b>");
        CaptionPackage pkg = captions.packages("a", Samples.request(extreme, chivasso)).get(0);
        assertThat(pkg.card().level()).isEqualTo("PERICOLO ESTREMO");
        assertThat(pkg.card().background()).isEqualTo("#B71C1C");
        Info info = extreme.info().get(0);
        assertThat(Level.of(info, true)).isEqualTo(new Level("🔴", "PERICOLO ESTREMO", "#B71C1C"));
        assertThat(Level.of(red.info().get(1), false)).isEqualTo(new Level("🔴", "RED ALERT", "#B71C1C"));
    }

    /** Adds an English block like the Italian one. */
    private static ObjectNode withEnglish(ObjectNode alert) {
        ObjectNode en = Samples.info(alert).deepCopy();
        en.put("language", "en-GB").put("headline", "Orange warning for heavy rain").put("instruction", "Avoid underpasses.");
        en.remove("description");
        alert.withArray("info").add(en);
        return alert;
    }

    private static List<String> texts(List<Part> parts) {
        return parts.stream().map(Part::text).toList();
    }

    private static Target languages(Target t, List<String> languages) {
        return new Target(t.id(), t.name(), t.istat(), t.area(), t.coordinates(), languages, t.acceptsTests(), Map.copyOf(t.channels()));
    }

}
