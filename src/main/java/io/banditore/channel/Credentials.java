package io.banditore.channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    /**
     * Every credential looked up so far: read once per process (configuration does not change while it runs), as a
     * configuration lookup goes through every config source and interceptor, on every provider call of a fan-out.
     */
    private final Map<String, Optional<String>> looked = new ConcurrentHashMap<>();
    /** The secrets by their first {@link #MIN_SECRET_LENGTH} characters, longest first within each. */
    private volatile Map<String, List<String>> secrets;

    public Credentials(Config config) {
        this.config = config;
    }

    public Optional<String> get(String secretName, String key) {
        return looked.computeIfAbsent("banditore.credentials." + secretName + "." + key,
                name -> config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()));
    }

    /**
     * The text with every configured credential (and the video links' signing key) blanked out: the last line of
     * defence for texts that leave the client (statuses, dead letters, logs), which are written from the provider's
     * answer and never from a request.
     */
    public String redact(String text) {
        if (text == null || text.length() < MIN_SECRET_LENGTH) {
            return text;
        }
        // One pass over the text, looking each position's first characters up, rather than one search per secret:
        // with a town's credentials for every comune, that is tens of thousands of secrets per status written.
        Map<String, List<String>> byPrefix = secrets();
        StringBuilder clean = null;
        int copied = 0;
        int i = 0;
        while (i <= text.length() - MIN_SECRET_LENGTH) {
            String found = null;
            List<String> candidates = byPrefix.get(text.substring(i, i + MIN_SECRET_LENGTH));
            if (candidates != null) {
                for (String secret : candidates) {
                    if (text.startsWith(secret, i)) {
                        found = secret;
                        break;
                    }
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            if (clean == null) {
                clean = new StringBuilder(text.length());
            }
            clean.append(text, copied, i).append(REDACTED);
            i += found.length();
            copied = i;
        }
        return clean == null ? text : clean.append(text, copied, text.length()).toString();
    }

    private Map<String, List<String>> secrets() {
        Map<String, List<String>> known = secrets;
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
            Map<String, List<String>> index = new HashMap<>();
            for (String value : values) {
                List<String> same = index.computeIfAbsent(value.substring(0, MIN_SECRET_LENGTH), k -> new ArrayList<>());
                if (!same.contains(value)) {
                    same.add(value);
                }
            }
            index.replaceAll((prefix, list) -> List.copyOf(list));
            known = Map.copyOf(index);
            secrets = known;
        }
        return known;
    }
}
