package io.banditore.kafka;

import java.util.HashMap;
import java.util.Map;

/** The application's Kafka settings (bootstrap servers, security) as a plain client's configuration. */
final class KafkaClientConfig {

    static Map<String, Object> of(Map<String, Object> defaultBrokerConfig) {
        Map<String, Object> config = new HashMap<>();
        // The Quarkus map also carries settings meant for other clients; keep those a plain client understands.
        defaultBrokerConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("client.dns.lookup")) {
                config.put(key, value);
            }
        });
        return config;
    }

    private KafkaClientConfig() {
    }
}
