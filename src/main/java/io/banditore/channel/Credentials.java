package io.banditore.channel;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Provider credentials, by the secret name the directory gives and a key: configuration key
 * banditore.credentials.NAME.KEY, or environment variable BANDITORE_CREDENTIALS_NAME_KEY (a Kubernetes Secret).
 */
@ApplicationScoped
public class Credentials {

    private final Config config;

    public Credentials(Config config) {
        this.config = config;
    }

    public Optional<String> get(String secretName, String key) {
        return config.getOptionalValue("banditore.credentials." + secretName + "." + key, String.class).filter(v -> !v.isBlank());
    }
}
