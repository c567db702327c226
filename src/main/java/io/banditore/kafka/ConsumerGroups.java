package io.banditore.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

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

    /**
     * The group of each enabled consumer, from its configuration or, as the Kafka connector finds it too, from the
     * {@code Map<String, Object>} bean named after the channel (a channel that declares its consumer's settings).
     */
    @Inject
    public ConsumerGroups(Config config, @Any Instance<Map<String, Object>> channelConfigs) {
        this(config, channel -> {
            Instance<Map<String, Object>> declared = channelConfigs.select(Identifier.Literal.of(channel));
            return declared.isResolvable() ? declared.get() : Map.of();
        });
    }

    /** Consumers configured in {@code config} alone. */
    public ConsumerGroups(Config config) {
        this(config, channel -> Map.of());
    }

    ConsumerGroups(Config config, Function<String, Map<String, Object>> declaredConfig) {
        Set<String> channels = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            int end = name.startsWith(INCOMING) ? name.indexOf('.', INCOMING.length()) : -1;
            if (end > 0) {
                channels.add(name.substring(INCOMING.length(), end));
            }
        }
        for (String channel : channels) {
            if (config.getOptionalValue(INCOMING + channel + ".enabled", Boolean.class).orElse(true)) {
                config.getOptionalValue(INCOMING + channel + GROUP_ID, String.class)
                        .or(() -> Optional.ofNullable(declaredConfig.apply(channel).get("group.id")).map(String::valueOf))
                        .ifPresent(group -> groups.put(channel, group));
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
