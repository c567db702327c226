package io.banditore.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The latest status of every delivery, rebuilt from deliveries.v1 at start and kept current from it in every replica.
 * Dispatchers consult it so that a delivery already SENT is never sent again. Each version is kept once, whatever
 * the order events arrive in (the local write and the same event read back, a replay after a restart); the
 * {@link DeliveryFeed} streams the changes as the topic has them.
 */
@ApplicationScoped
public class DeliveryLedger implements StateView {

    /**
     * Which deliveries a list asks for: those in one of the statuses, and of the channel, target and alert named
     * (null or blank names any), last changed at or after {@code since} (null: any time).
     */
    public record Query(Set<DeliveryState> statuses, String channel, String target, String alert, Instant since) {

        boolean matches(DeliveryStatus d) {
            return statuses.contains(d.status())
                    && (channel == null || channel.isBlank() || channel.equals(d.channel()))
                    && (target == null || target.isBlank() || target.equals(d.target()))
                    && (alert == null || alert.isBlank() || alert.equals(d.alertId()))
                    && (since == null || (d.updatedAt() != null && !d.updatedAt().isBefore(since)));
        }
    }

    private final Map<String, DeliveryStatus> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DeliveryStatus>> byAlert = new ConcurrentHashMap<>();
    private final KeyedTopicReader reader;
    private final ObjectMapper mapper;
    private final DeliveryFeed feed = new DeliveryFeed();

    public DeliveryLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.mapper = mapper;
        this.reader = new KeyedTopicReader(Topics.DELIVERIES, kafkaConfig, this::onRecord);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts reading deliveries.v1 from its beginning. */
    void start() {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        DeliveryStatus status;
        try {
            status = mapper.readValue(record.value(), DeliveryStatus.class);
        } catch (IOException e) {
            throw new IllegalStateException("delivery status " + record.key() + " is unreadable", e);
        }
        apply(status);
        feed.onRecord(status, record.partition(), record.offset());
    }

    /** Keeps the newest version of each delivery; returns whether this event was newer. */
    public boolean apply(DeliveryStatus status) {
        boolean[] newer = { false };
        byId.compute(status.deliveryId(), (id, old) -> {
            if (old != null && old.version() >= status.version()) {
                return old;
            }
            newer[0] = true;
            byAlert.computeIfAbsent(status.alertId(), k -> new ConcurrentHashMap<>()).put(id, status);
            return status;
        });
        return newer[0];
    }

    public Optional<DeliveryStatus> find(String deliveryId) {
        return Optional.ofNullable(byId.get(deliveryId));
    }

    public List<DeliveryStatus> ofAlert(String alertId) {
        return List.copyOf(byAlert.getOrDefault(alertId, Map.of()).values());
    }

    /** The deliveries the query asks for, most recently changed first. */
    public List<DeliveryStatus> matching(Query query) {
        return byId.values().stream().filter(query::matches)
                .sorted(Comparator.comparing(DeliveryStatus::updatedAt).reversed().thenComparing(DeliveryStatus::deliveryId))
                .toList();
    }

    /** The deliveries of one alert the query asks for, by channel then target. */
    public List<DeliveryStatus> ofAlert(String alertId, Query query) {
        return byAlert.getOrDefault(alertId, Map.of()).values().stream().filter(query::matches)
                .sorted(Comparator.comparing(DeliveryStatus::channel).thenComparing(DeliveryStatus::target))
                .toList();
    }

    public Collection<DeliveryStatus> all() {
        return byId.values();
    }

    @Override
    public String topic() {
        return Topics.DELIVERIES;
    }

    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** The changes read from deliveries.v1, for live streams. */
    public DeliveryFeed feed() {
        return feed;
    }
}
