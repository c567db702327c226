package io.banditore.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the benchmark's directory of towns: every comune of one province (Torino, 001, by default) with a Telegram
 * channel, an X account and a TikTok account each, and the credentials file naming one secret per town, as a
 * province whose towns each run their own accounts would have. PROVINCE {@code all}: every comune of Italy but
 * one, kept out of the directory for the alerts that must reach no town.
 *
 * <p>Usage: Setup GAZETTEER_JSON PROVINCE DIRECTORY_YAML CREDENTIALS_PROPERTIES
 */
public final class Setup {

    /** The comune with no town in any directory written here. */
    static final String NOWHERE = "082053";
    /** The secret and the token of the one bot of the shared-bot scenario. */
    static final String SHARED_BOT_SECRET = "sharedbot";
    static final String SHARED_BOT_TOKEN = "100999999:bench-shared";

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Setup GAZETTEER_JSON PROVINCE DIRECTORY_YAML CREDENTIALS_PROPERTIES");
            System.exit(2);
        }
        List<JsonNode> comuni = new ArrayList<>();
        for (JsonNode comune : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            // All of Italy but the one comune the benchmark's ingest alerts name as having no town (Bench.NOWHERE).
            boolean wanted = args[1].equals("all") ? !NOWHERE.equals(comune.path("codice").asText())
                    : args[1].equals(comune.path("provincia").path("codice").asText());
            if (wanted) {
                comuni.add(comune);
            }
        }
        if (comuni.isEmpty()) {
            throw new IllegalArgumentException("no comune in province " + args[1]);
        }
        try (Writer yaml = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8);
                Writer credentials = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
            yaml.write("# Every comune of province " + args[1] + ", written by the benchmark.\ntargets:\n");
            // The bot every town of the shared-bot scenario posts through (Bench moves their Telegram accounts to it).
            credentials.write("banditore.credentials." + SHARED_BOT_SECRET + ".telegram-bot-token=" + SHARED_BOT_TOKEN + "\n");
            int index = 0;
            for (JsonNode comune : comuni) {
                int bot = 100000 + index++;
                String istat = comune.path("codice").asText();
                String id = "c" + istat;
                String handle = "comune" + istat;
                yaml.write("  - id: " + id + "\n    name: \"Comune di " + comune.path("nome").asText().replace("\"", "'") + "\"\n"
                        + "    istat: \"" + istat + "\"\n    languages: [it]\n    acceptsTests: true\n    channels:\n"
                        + "      telegram:\n        chat: \"@" + handle + "\"\n        credentials: " + id + "\n"
                        + "      x:\n        account: " + handle + "\n        hashtags: [\"#Comune" + istat + "\"]\n        credentials: " + id + "\n"
                        + "      shortvideo:\n        account: " + handle + "\n        hashtags: [\"#Comune" + istat + "\"]\n        credentials: " + id + "\n");
                credentials.write("banditore.credentials." + id + ".telegram-bot-token=" + bot + ":bench-" + id + "\n"
                        + "banditore.credentials." + id + ".x-access-token=bench-x-" + id + "\n"
                        + "banditore.credentials." + id + ".tiktok-access-token=act.bench-" + id + "\n");
            }
        }
        System.out.println(comuni.size());
    }

    private Setup() {
    }
}
