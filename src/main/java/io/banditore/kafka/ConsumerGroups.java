package io.banditore.kafka;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.Consumer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until every enabled consumer of this process (mp.messaging.incoming.NAME with a group.id) has joined its
 * group and been given its share of partitions, possibly none: before that, an alert approved here would wait for a
 * rebalance, seconds after the service said it was ready. The consumers' rebalance listeners report their first
 * assignment ({@link #assigned}).
 */
@Readiness
@Default // also injected where the listeners report (@Readiness alone is a qualifier)
@ApplicationScoped
public class ConsumerGroups implements HealthCheck {

    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String GROUP_ID = ".group.id";

    /** The groups of the enabled consumers, by channel. */
    private final Map<String, String> groups = new TreeMap<>();
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    public ConsumerGroups(Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(INCOMING) && name.endsWith(GROUP_ID)) {
                String channel = name.substring(INCOMING.length(), name.length() - GROUP_ID.length());
                if (config.getOptionalValue(INCOMING + channel + ".enabled", Boolean.class).orElse(true)) {
                    config.getOptionalValue(name, String.class).ifPresent(group -> groups.put(channel, group));
                }
            }
        }
    }

    /** A consumer of {@code consumer}'s group was given its partitions (after any rebalance; an empty share counts). */
    public void assigned(Consumer<?, ?> consumer) {
        try {
            assigned(consumer.groupMetadata().groupId());
        } catch (RuntimeException e) {
            // No group metadata (a consumer outside any group): nothing to wait for.
        }
    }

    /** A consumer of the group was given its partitions. */
    public void assigned(String group) {
        joined.add(group);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumer groups")
                .status(joined.containsAll(groups.values()));
        groups.forEach((channel, group) -> response.withData(channel, joined.contains(group) ? "assigned" : "joining " + group));
        return response.build();
    }
}
