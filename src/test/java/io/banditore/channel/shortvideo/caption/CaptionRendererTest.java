package io.banditore.channel.shortvideo.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.channel.shortvideo.MediaProbe;
import io.banditore.channel.shortvideo.ShortVideoFixtures;
import io.banditore.channel.shortvideo.subtitle.Cue;
import io.banditore.channel.shortvideo.subtitle.SubtitleFormats;
import io.banditore.channel.shortvideo.subtitle.TextMeasure;
import io.banditore.channel.shortvideo.video.CardStyle;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Target;
import io.banditore.support.CapExamples;
import io.banditore.support.Samples;

/** Each platform's text within its limits, a test never looking real, and a script that fits the video. */
class CaptionRendererTest {

    private static final String TEST_LABEL = "MESSAGGIO DI TEST – non è un'allerta reale";

    private final CaptionRenderer renderer = new CaptionRenderer(ShortVideoFixtures.config(), Samples.wording());
    private final Target chivasso = ShortVideoFixtures.town("chivasso");

    @TempDir
    Path dir;

    @Test
    void theCaptionHasTheAlertTheTownsHandleAndHashtags() {
        CaptionPackage pkg = one(ShortVideoFixtures.alert("chivasso-rain-actual.json"), chivasso);

        assertThat(pkg.caption()).startsWith("🟠 Allerta arancione per piogge intense\n📍 Zona: Chivasso <& dintorni>")
                .contains("Cosa fare: Evitate i sottopassi").contains("— Prefettura di Torino")
                .endsWith("\n\n@comunedichivasso #ChivassoSocial")
                .doesNotContain("TEST");
        assertThat(pkg.handle()).isEqualTo("@comunedichivasso");
        assertThat(pkg.hashtags()).containsExactly("#ChivassoSocial");
        assertThat(pkg.variants().tiktok().text()).isEqualTo(pkg.caption());
        assertThat(pkg.variants().reels().text()).endsWith("\n\n#ChivassoSocial").doesNotContain("@comunedichivasso");
        assertThat(pkg.variants().shorts().text()).isEqualTo("🟠 Allerta arancione per piogge intense #ChivassoSocial");
        assertThat(pkg.language()).isEqualTo("it-IT");
        assertThat(pkg.card().background()).isEqualTo("#EF6C00");
        assertThat(pkg.card().level()).isEqualTo("ALLERTA ARANCIONE");
        assertThat(pkg.script()).startsWith("Allerta arancione per piogge intense. Zona: Chivasso & dintorni.")
                .contains("Cosa fare: Evitate i sottopassi").endsWith("Fonte: Prefettura di Torino.");
        assertThat(pkg.scriptAbridged()).isFalse();
    }

    @Test
    void aTestSaysSoFirstAndLastEverywhere() {
        CaptionPackage pkg = one(ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> a.put("status", "Test")), chivasso);

        assertThat(pkg.caption()).startsWith("⚠️ " + TEST_LABEL + "\n\n").endsWith("⚠️ " + TEST_LABEL + "\n\n@comunedichivasso #ChivassoSocial");
        assertThat(pkg.variants().reels().text()).startsWith("⚠️ " + TEST_LABEL);
        assertThat(pkg.variants().shorts().text()).startsWith(TEST_LABEL + ": ");
        assertThat(pkg.script()).startsWith(TEST_LABEL + ".").endsWith(TEST_LABEL + ".");
        assertThat(pkg.cues().get(0).text()).isEqualTo(TEST_LABEL + ".");
        assertThat(pkg.cues().get(pkg.cues().size() - 1).text()).isEqualTo(TEST_LABEL + ".");
        assertThat(pkg.practiceLabel()).isEqualTo(TEST_LABEL);
        assertThat(pkg.card().practiceLabel()).isEqualTo(TEST_LABEL);
        // However severe the scenario, a test's card is not in an alert's colour.
        assertThat(pkg.card().background()).isEqualTo(CardStyle.PRACTICE);

        CaptionPackage exercise = one(ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> a.put("status", "Exercise")), chivasso);
        assertThat(exercise.caption()).startsWith("⚠️ ESERCITAZIONE – non è un'allerta reale");
        assertThat(exercise.script()).startsWith("ESERCITAZIONE").endsWith("ESERCITAZIONE – non è un'allerta reale.");
    }

    @Test
    void aLongAlertStaysWithinEveryPlatformsLimitAndKeepsItsLabelAndTags() {
        String longText = "Precipitazioni intense e persistenti, con allagamenti diffusi e frane nei versanti ripidi 🌧️. ".repeat(60);
        List<String> tags = IntStream.rangeClosed(1, 35).mapToObj(i -> "#Tag" + i).toList();
        Target manyTags = withHashtags(chivasso, tags);
        Alert alert = ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> {
            a.put("status", "Test");
            info(a).put("description", longText + " #allerta #meteo".repeat(20));
            info(a).put("headline", "Allerta arancione per piogge intense e persistenti su tutta la provincia di Torino, con rischio di esondazioni");
            return a;
        });
        CaptionPackage pkg = one(alert, manyTags);

        assertThat(pkg.variants().tiktok().text().length()).isLessThanOrEqualTo(2200).isEqualTo(pkg.variants().tiktok().length());
        assertThat(pkg.variants().tiktok().text()).startsWith("⚠️ " + TEST_LABEL).contains("…").endsWith(String.join(" ", tags));
        assertThat(pkg.variants().reels().text().length()).isLessThanOrEqualTo(2200);
        assertThat(pkg.variants().reels().hashtags()).isLessThanOrEqualTo(30);
        assertThat(CaptionRenderer.countHashtags(pkg.variants().reels().text())).isEqualTo(30);
        assertThat(pkg.variants().reels().text()).endsWith(String.join(" ", tags.subList(0, 30)));
        assertThat(pkg.variants().shorts().text().length()).isLessThanOrEqualTo(100);
        assertThat(pkg.variants().shorts().text()).startsWith(TEST_LABEL + ": Allerta arancione").endsWith("…");
        for (CaptionPackage.Variant v : List.of(pkg.variants().tiktok(), pkg.variants().reels(), pkg.variants().shorts())) {
            assertThat(v.length()).isLessThanOrEqualTo(v.maxLength());
            assertNoBrokenSurrogates(v.text());
        }
        // The video says what it can in its time, and where the rest is.
        assertThat(pkg.scriptAbridged()).isTrue();
        assertThat(pkg.script()).contains("Tutti i dettagli nel testo del post.").endsWith(TEST_LABEL + ".")
                .doesNotContain("🌧").doesNotContain("#");
        assertThat(pkg.durationMs()).isLessThanOrEqualTo(55_000);
        assertThat(pkg.cues().get(pkg.cues().size() - 1).endMs()).isLessThan(pkg.durationMs());
    }

    @Test
    void theShortsTitleHasNoAngleBracketsAndFitsInAHundred() {
        Alert alert = ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> {
            info(a).put("headline", "Piena del Po <livello 3> a Chivasso & dintorni: chiusi i ponti sul Po e sull'Orco fino a nuovo avviso, evacuazioni in corso");
            return a;
        });
        String title = one(alert, chivasso).variants().shorts().text();
        assertThat(title.length()).isLessThanOrEqualTo(100);
        assertThat(title).doesNotContain("<").doesNotContain(">").startsWith("🟠 Piena del Po ‹livello 3›").endsWith("…");
    }

    @Test
    void anUpdateAndACancelSayWhatTheyAre() {
        CaptionPackage update = one(ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> a.put("msgType", "Update")), chivasso);
        assertThat(update.caption()).startsWith("🟠 AGGIORNAMENTO: Allerta arancione");
        assertThat(update.script()).startsWith("AGGIORNAMENTO: Allerta arancione");
        assertThat(update.card().level()).isEqualTo("AGGIORNAMENTO · ALLERTA ARANCIONE");
        CaptionPackage cancel = one(ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> a.put("msgType", "Cancel")), chivasso);
        assertThat(cancel.caption()).startsWith("🟠 REVOCA: Allerta arancione");
    }

    @Test
    void everyCardReadsWell() {
        for (String background : List.of("#B71C1C", "#EF6C00", "#FBC02D", "#2E7D32", "#455A64", CardStyle.PRACTICE)) {
            // WCAG AA for normal text: 4.5:1.
            assertThat(CardStyle.contrast(background, CardStyle.textOn(background))).as(background).isGreaterThanOrEqualTo(4.5);
        }
    }

    static List<String> examples() {
        return CapExamples.VALID;
    }

    /** Any shared CAP example gives each town a caption within limits and subtitles that ffmpeg reads. */
    @ParameterizedTest
    @MethodSource("examples")
    void everySharedCapExampleGivesAPackageWithinLimits(String example) throws IOException {
        // The examples' areas are far from Chivasso: without them, every block is for every town it is sent to.
        List<CaptionPackage> packages = renderer.packages("example", Samples.request(withoutAreas(ShortVideoFixtures.capExample(example)), chivasso));
        assertThat(packages).isNotEmpty();
        for (CaptionPackage pkg : packages) {
            assertThat(pkg.caption().length()).isLessThanOrEqualTo(2200);
            assertThat(pkg.caption()).endsWith("@comunedichivasso #ChivassoSocial");
            assertThat(pkg.variants().reels().hashtags()).isLessThanOrEqualTo(30);
            assertThat(pkg.variants().shorts().text().length()).isLessThanOrEqualTo(100);
            assertThat(pkg.durationMs()).isLessThan(60_000);
            assertThat(pkg.cues()).isNotEmpty().allSatisfy(CaptionRendererTest::withinLimits);
            if (pkg.status().equals("Test") || pkg.status().equals("Exercise")) {
                assertThat(pkg.caption()).startsWith("⚠️ ");
            }
            Path srt = Files.writeString(dir.resolve("c.srt"), SubtitleFormats.srt(pkg.cues()), StandardCharsets.UTF_8);
            Path vtt = Files.writeString(dir.resolve("c.vtt"), SubtitleFormats.webVtt(pkg.cues()), StandardCharsets.UTF_8);
            assertThat(MediaProbe.probe(srt, "s:0").path("packets")).hasSize(pkg.cues().size());
            assertThat(MediaProbe.probe(vtt, "s:0").path("packets")).hasSize(pkg.cues().size());
        }
    }

    @Test
    void theContentHashFollowsTheContent() {
        CaptionPackage a = one(ShortVideoFixtures.alert("chivasso-rain-actual.json"), chivasso);
        CaptionPackage b = one(ShortVideoFixtures.alert("chivasso-rain-actual.json"), withHashtags(chivasso, List.of("#Altro")));
        assertThat(a.contentHash()).isNotEqualTo(b.contentHash()).hasSize(16);
    }

    static void withinLimits(Cue cue) {
        assertThat(cue.lines()).hasSizeBetween(1, 2).allSatisfy(l -> assertThat(TextMeasure.characters(l)).isLessThanOrEqualTo(42));
        assertThat(cue.charactersPerSecond()).isLessThanOrEqualTo(17);
        assertThat(cue.durationMs()).isBetween(834L, 7000L);
    }

    private CaptionPackage one(Alert alert, Target target) {
        List<CaptionPackage> packages = renderer.packages("alert-1", Samples.request(alert, target));
        assertThat(packages).hasSize(1);
        return packages.get(0);
    }

    private static Alert withoutAreas(Alert alert) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        ObjectNode json = mapper.valueToTree(alert);
        json.path("info").forEach(i -> ((ObjectNode) i).remove("area"));
        try {
            return mapper.treeToValue(json, Alert.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode info(ObjectNode alert) {
        return (ObjectNode) alert.path("info").get(0);
    }

    private static Target withHashtags(Target town, List<String> tags) {
        ChannelAccount account = town.channels().get("shortvideo");
        var channels = new java.util.HashMap<>(town.channels());
        channels.put("shortvideo", new ChannelAccount(account.chat(), account.account(), account.handles(), tags, account.credentials()));
        return new Target(town.id(), town.name(), town.istat(), town.area(), town.coordinates(), town.languages(), town.acceptsTests(), Map.copyOf(channels));
    }

    private static void assertNoBrokenSurrogates(String text) {
        List<Integer> broken = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                broken.add(i);
            } else if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                broken.add(i);
            }
        }
        assertThat(broken).as("unpaired surrogates in %s", text).isEmpty();
    }
}
