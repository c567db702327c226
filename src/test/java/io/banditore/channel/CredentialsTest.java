package io.banditore.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Credentials are looked up by secret name, and blanked out of every text that leaves the service. */
class CredentialsTest {

    private static Credentials with(Map<String, String> properties) {
        return new Credentials(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build());
    }

    @Test
    void everyConfiguredSecretIsBlankedWhereverItStandsAndTheRestIsKept() {
        Credentials credentials = with(Map.of(
                "banditore.credentials.chivasso.telegram-bot-token", "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
                "banditore.credentials.chivasso.x-access-token", "x-token-chivasso",
                "banditore.shortvideo.links.signing-key", "link-signing-key-0123",
                "banditore.credentials.short.x-access-token", "abc"));

        assertThat(credentials.redact("POST https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage failed"))
                .isEqualTo("POST https://api.telegram.org/bot[redacted]/sendMessage failed");
        assertThat(credentials.redact("x-token-chivasso,x-token-chivasso and link-signing-key-0123"))
                .isEqualTo("[redacted],[redacted] and [redacted]");
        // Too short to look for: it would blank ordinary words.
        assertThat(credentials.redact("abc is not a secret")).isEqualTo("abc is not a secret");
        String plain = "Telegram 429: Too Many Requests";
        assertThat(credentials.redact(plain)).isSameAs(plain);
        assertThat(credentials.redact(null)).isNull();
    }

    @Test
    void aSecretThatContainsAnotherIsBlankedWhole() {
        Credentials credentials = with(Map.of(
                "banditore.credentials.a.x-access-token", "token-0123",
                "banditore.credentials.b.x-access-token", "token-0123-and-more",
                "banditore.credentials.c.x-access-token", "and-more-4567"));

        assertThat(credentials.redact("[token-0123-and-more] [token-0123] [and-more-4567]")).isEqualTo("[[redacted]] [[redacted]] [[redacted]]");
    }

    @Test
    void thousandsOfTownsSecretsAreAllFoundAndLookedUpByName() {
        Map<String, String> properties = new HashMap<>();
        for (int town = 0; town < 8000; town++) {
            properties.put("banditore.credentials.c" + town + ".x-access-token", "sandbox-x-" + town + "-secret");
        }
        Credentials credentials = with(properties);

        assertThat(credentials.redact("answer echoed sandbox-x-7999-secret and sandbox-x-17-secret")).isEqualTo("answer echoed [redacted] and [redacted]");
        assertThat(credentials.get("c4321", "x-access-token")).contains("sandbox-x-4321-secret");
        assertThat(credentials.get("c4321", "telegram-bot-token")).isEmpty();
    }
}
