package io.banditore.channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Provider credentials, by the secret name the directory gives and a key: configuration key
 * banditore.credentials.NAME.KEY, or environment variable BANDITORE_CREDENTIALS_NAME_KEY (a Kubernetes Secret).
 */
@ApplicationScoped
public class Credentials {

    private static final String REDACTED = "[redacted]";
    /** Shorter values are not looked for in texts: they would match ordinary words. */
    private static final int MIN_SECRET_LENGTH = 6;

    private final Config config;
    private volatile List<String> secrets;

    public Credentials(Config config) {
        this.config = config;
    }

    public Optional<String> get(String secretName, String key) {
        return config.getOptionalValue("banditore.credentials." + secretName + "." + key, String.class).filter(v -> !v.isBlank());
    }

    /**
     * The text with every configured credential (and the video links' signing key) blanked out: the last line of
     * defence for texts that leave the client (statuses, dead letters, logs), which are written from the provider's
     * answer and never from a request.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String clean = text;
        for (String secret : secrets()) {
            if (clean.contains(secret)) {
                clean = clean.replace(secret, REDACTED);
            }
        }
        return clean;
    }

    private List<String> secrets() {
        List<String> known = secrets;
        if (known == null) {
            List<String> values = new ArrayList<>();
            for (String name : config.getPropertyNames()) {
                String lower = name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
                if (lower.startsWith("banditore.credentials.") || lower.equals("banditore.shortvideo.links.signing.key")) {
                    config.getOptionalValue(name, String.class).filter(v -> v.strip().length() >= MIN_SECRET_LENGTH)
                            .ifPresent(v -> values.add(v.strip()));
                }
            }
            // Longest first, so that a token containing another is blanked whole.
            values.sort(Comparator.comparingInt(String::length).reversed());
            known = List.copyOf(values);
            secrets = known;
        }
        return known;
    }
}
