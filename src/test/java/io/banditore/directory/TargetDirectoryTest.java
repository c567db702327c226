package io.banditore.directory;

import static io.banditore.directory.DirectoryFixtures.GAZETTEER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.alert.Violation;
import io.banditore.support.BuiltInChannels;

/** The directory file is checked at start, every mistake named with its entry; run-time changes merge over it. */
class TargetDirectoryTest {

    private final TargetValidator validator = new TargetValidator(GAZETTEER, BuiltInChannels.declared());

    @Test
    void theTestDirectoryLoadsInItsOrder() {
        TargetDirectory directory = DirectoryFixtures.directory("test.yaml");
        assertThat(directory.all()).extracting(Target::id).containsExactly("chivasso", "trieste", "aosta", "torino", "ivrea", "pinerolo", "verona");
        assertThat(directory.find("torino")).hasValueSatisfying(t -> {
            assertThat(t.coordinates()).isEqualTo(new Coordinates(45.0703, 7.6869));
            assertThat(t.languages()).containsExactly("it", "en");
            assertThat(t.channels().get("x").hashtags()).containsExactly("#Torino");
            assertThat(t.channels().get("x").credentials()).isEqualTo("torino");
        });
        assertThat(directory.entries()).extracting(DirectoryEntry::source).containsOnly(DirectoryEntry.Source.FILE);
    }

    @Test
    void aDirectoryOfEveryComuneOfItalyLoads(@TempDir Path dir) throws IOException {
        // Each comune with a Telegram channel, an X account and a TikTok account of its own: larger than the 3 MB a
        // YAML reader takes by default.
        Path file = dir.resolve("italy.yaml");
        int comuni = 0;
        try (InputStream gazetteer = getClass().getClassLoader().getResourceAsStream("gazetteer/comuni-italiani.json");
                Writer yaml = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            yaml.write("targets:\n");
            for (JsonNode comune : DirectoryFixtures.MAPPER.readTree(gazetteer)) {
                String istat = comune.path("codice").asText();
                yaml.write("  - id: c" + istat + "\n    name: \"Comune " + istat + "\"\n    istat: \"" + istat + "\"\n    languages: [it]\n"
                        + "    channels:\n      telegram: { chat: \"@comune" + istat + "\", credentials: c" + istat + " }\n"
                        + "      x: { account: comune" + istat + ", hashtags: [\"#Comune" + istat + "\", \"#AllertaMeteo\", \"#ProtezioneCivile\"], credentials: c" + istat + " }\n"
                        + "      shortvideo: { account: comune" + istat + ", hashtags: [\"#Comune" + istat + "\", \"#AllertaMeteo\", \"#ProtezioneCivile\"], credentials: c" + istat + " }\n");
                comuni++;
            }
        }
        assertThat(Files.size(file)).isGreaterThan(3L * 1024 * 1024);

        TargetDirectory directory = new TargetDirectory(file::toString, new TargetValidator(GAZETTEER, BuiltInChannels.declared()));

        assertThat(comuni).isGreaterThan(7800);
        assertThat(directory.all()).hasSize(comuni);
        assertThat(directory.find("c001272")).hasValueSatisfying(t -> assertThat(t.istat()).isEqualTo("001272"));
    }

    @Test
    void everyMistakeIsNamedWithItsEntry() {
        assertThatThrownBy(() -> DirectoryFixtures.directory("mistakes.yaml"))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        "/targets/1/istat (target 'nowhere'): '999999' is not the ISTAT code of a comune (6 digits, e.g. 001082 for Chivasso)",
                        "/targets/2/id (target 'chivasso'): duplicate target id, already used at /targets/0",
                        "/targets/3/channels/facebook (target 'ivrea'): unknown channel 'facebook' (known: telegram, x, shortvideo)",
                        "/targets/3/channels/telegram/credentials (target 'ivrea'): names no secret: the name of the secret holding the telegram credentials is required",
                        "/targets/4/coordinates/lat (target 'torino'): 7.6869 lies outside Italy (35.0 to 47.5): are lat and lon swapped?",
                        "/targets/4/coordinates/lon (target 'torino'): 45.0703 lies outside Italy (6.0 to 19.0): are lat and lon swapped?",
                        "/targets/4/channels/x/account (target 'torino'): '@cittaditorino' is not an X username without '@' (letters, digits, '_', at most 15)",
                        "/targets/5/channels/shortvideo/account (target 'moncalieri'): is required: a TikTok username without '@' (letters, digits, '_' and '.', 2 to 24)",
                        "/targets/5/channels/shortvideo/hashtags/0 (target 'moncalieri'): 'Moncalieri' must be one hashtag: '#' and a word without spaces"))
                .hasMessageStartingWith("The directory of targets classpath:directory/mistakes.yaml has 9 mistake(s):");
    }

    @Test
    void aShortVideoAccountNamesEachPlatformWithItsOwnCredentials() {
        Target verona = DirectoryFixtures.directory("test.yaml").find("verona").orElseThrow();

        // Each platform is a delivery of its own, with its own account and secret, and the short-video account's hashtags.
        assertThat(verona.account("shortvideo")).hasValue(new ChannelAccount(null, "comunediverona", null, List.of("#VeronaInforma"), "verona-tiktok"));
        assertThat(verona.account("instagram")).hasValue(new ChannelAccount(null, "17841400000000091", null, List.of("#VeronaInforma"), "verona-instagram"));
        assertThat(verona.account("youtube")).hasValue(new ChannelAccount(null, "@comunediverona", null, List.of("#VeronaInforma"), "verona-youtube"));
        assertThat(verona.account("telegram")).isEmpty();
        // The form from before the other platforms: the short-video account's own account is TikTok's, and there is nothing else.
        Target chivasso = DirectoryFixtures.directory("test.yaml").find("chivasso").orElseThrow();
        assertThat(chivasso.account("shortvideo")).hasValueSatisfying(a -> assertThat(a.credentials()).isEqualTo("chivasso"));
        assertThat(chivasso.account("instagram")).isEmpty();
        assertThat(chivasso.account("youtube")).isEmpty();
    }

    @Test
    void theLocalDirectoryPutsChivassoOnAllThreePlatformsAndTriesteOnTwo() {
        TargetDirectory local = DirectoryFixtures.directory("local.yaml");

        Target chivasso = local.find("chivasso").orElseThrow();
        assertThat(List.of("shortvideo", "instagram", "youtube")).allSatisfy(platform -> assertThat(chivasso.account(platform)).isPresent());
        assertThat(chivasso.account("instagram").orElseThrow().credentials()).isEqualTo("chivasso-instagram");
        Target trieste = local.find("trieste").orElseThrow();
        assertThat(trieste.account("instagram")).isPresent();
        assertThat(trieste.account("youtube")).isEmpty();
    }

    @Test
    void aShortVideoPlatformIsCheckedLikeAnyAccount() {
        ChannelAccount platforms = new ChannelAccount(null, "comunedichivasso", null, List.of("#ChivassoSocial"), "chivasso",
                new ChannelAccount(null, "comunedichivasso", null, null, "chivasso"),
                new ChannelAccount(null, "comunedichivasso", null, List.of("#Extra"), null),
                new ChannelAccount(null, "Comune di Chivasso", null, null, "chivasso yt"));
        Target target = new Target("chivasso", null, "001082", null, null, null, false, Map.of("shortvideo", platforms));

        assertThat(validator.validate(target)).extracting(v -> v.pointer() + ": " + v.detail()).containsExactly(
                "/channels/shortvideo/tiktok: TikTok is named twice: give account and credentials here or at /channels/shortvideo, not both",
                "/channels/shortvideo/instagram/credentials: names no secret: the name of the secret holding the Instagram credentials is required",
                "/channels/shortvideo/instagram/account: 'comunedichivasso' is not the Instagram professional account's numeric IG user id (the Graph API's /{ig-user-id})",
                "/channels/shortvideo/instagram: takes only account and credentials; hashtags and handles belong to the short-video account, shared by every platform",
                "/channels/shortvideo/youtube/credentials: 'chivasso yt' must be letters, digits, '-' and '_' (it names banditore.credentials.<secret>.*)",
                "/channels/shortvideo/youtube/account: 'Comune di Chivasso' is not a YouTube channel id (UC and 22 characters) or its @handle");
        assertThat(validator.validate(new Target("chivasso", null, "001082", null, null, null, false,
                Map.of("shortvideo", new ChannelAccount(null, null, null, List.of("#ChivassoSocial"), null)))))
                .extracting(v -> v.pointer() + ": " + v.detail())
                .containsExactly("/channels/shortvideo: names no platform: give tiktok, instagram or youtube, each with its account and credentials");
    }

    @Test
    void aMisspeltKeyIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> DirectoryFixtures.directory("misspelt.yaml"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("/targets/0/acceptTests: unknown key 'acceptTests' (misspelt?)");
    }

    @Test
    void aMissingFileSaysWhere() {
        assertThatThrownBy(() -> DirectoryFixtures.directory("nowhere.yaml"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("directory/nowhere.yaml is not on the class path");
    }

    @Test
    void theRulesGiveAPointerPerField() {
        Target target = new Target("Bad Id", null, null, null, new Coordinates(null, 200.0), List.of("italiano"), false,
                Map.of("telegram", new ChannelAccount("comunechivasso", null, List.of("prefettura"), null, "chi vasso")));
        assertThat(validator.validate(target)).extracting(Violation::pointer).containsExactly(
                "/id", "/istat", "/coordinates/lat", "/coordinates/lon", "/languages/0",
                "/channels/telegram/credentials", "/channels/telegram/chat", "/channels/telegram/handles/0");
        assertThat(validator.validate(new Target("both", null, "001082", "001", null, null, false,
                Map.of("telegram", new ChannelAccount("@comunechivasso", null, null, null, "chivasso")))))
                .extracting(Violation::pointer).containsExactly("/area");
        assertThat(validator.validate(new Target("prefettura-to", null, null, "001", null, null, false,
                Map.of("telegram", new ChannelAccount("@prefettura_torino", null, List.of("@ProtCivPiemonte"), List.of("#allerta"), "prefettura")))))
                .isEmpty();
        assertThat(validator.validate(new Target("silent", null, "001082", null, null, null, false, Map.of())))
                .extracting(Violation::pointer).containsExactly("/channels");
    }

    @Test
    void runTimeTargetsMergeOverTheFile() {
        TargetDirectory directory = DirectoryFixtures.directory("test.yaml");
        Target cagliari = new Target("cagliari", "Comune di Cagliari", "092009", null, null, null, false,
                Map.of("telegram", new ChannelAccount("@comunecagliari", null, null, null, "cagliari")));
        Target quietTorino = new Target("torino", "Città di Torino", "001272", null, null, null, false,
                Map.of("telegram", new ChannelAccount("@cittaditorino", null, null, null, "torino")));
        directory.apply(new TargetChange("1", "cagliari", cagliari, "anna.admin", Instant.parse("2026-01-22T10:00:00Z")));
        directory.apply(new TargetChange("2", "torino", quietTorino, "anna.admin", Instant.parse("2026-01-22T10:01:00Z")));

        assertThat(directory.all()).extracting(Target::id).containsExactly("chivasso", "trieste", "aosta", "torino", "ivrea", "pinerolo", "verona", "cagliari");
        assertThat(directory.find("torino")).hasValue(quietTorino);
        assertThat(directory.entry("torino")).hasValueSatisfying(e -> {
            assertThat(e.source()).isEqualTo(DirectoryEntry.Source.OVERRIDE);
            assertThat(e.updatedBy()).isEqualTo("anna.admin");
        });
        assertThat(directory.entry("cagliari")).map(DirectoryEntry::source).hasValue(DirectoryEntry.Source.RUNTIME);

        // Removing the run-time changes: Cagliari is gone, and Torino is the file's again.
        directory.apply(new TargetChange("3", "cagliari", null, "anna.admin", Instant.now()));
        directory.apply(new TargetChange("4", "torino", null, "anna.admin", Instant.now()));
        assertThat(directory.find("cagliari")).isEmpty();
        assertThat(directory.find("torino")).hasValueSatisfying(t -> assertThat(t.channels()).containsOnlyKeys("telegram", "x"));
        assertThat(directory.entry("torino")).map(DirectoryEntry::source).hasValue(DirectoryEntry.Source.FILE);
    }
}
