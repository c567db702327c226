package io.banditore.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.HistoryConfig;
import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Tombstones;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The latest status of every delivery, rebuilt from deliveries.v1 at start and kept current from it in every replica.
 * Dispatchers consult it so that a delivery already SENT is never sent again. Each version is kept once, whatever
 * the order events arrive in (the local write and the same event read back, a replay after a restart); the
 * {@link DeliveryFeed} streams the changes as the topic has them. A delivery is kept until the history's retention
 * after its last status: older ones are passed over when read, and those that pass it while kept are removed, with a
 * tombstone on deliveries.v1 so that Kafka forgets them too.
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
    private final Duration retention;
    private final Clock clock;
    private final Tombstones tombstones;

    @Inject
    public DeliveryLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, HistoryConfig history,
            Clock clock, Tombstones tombstones) {
        this.mapper = mapper;
        this.retention = history.retention();
        this.clock = clock;
        this.tombstones = tombstones;
        this.reader = new KeyedTopicReader(Topics.DELIVERIES, kafkaConfig, this::onRecord).onTombstone(this::forget)
                .periodically(history.pruneEvery(), this::prune);
    }

    /** A ledger of its own, with the default retention, that writes no tombstones. */
    public DeliveryLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.mapper = mapper;
        this.retention = Duration.parse(HistoryConfig.DEFAULT_RETENTION);
        this.clock = Clock.systemUTC();
        this.tombstones = null;
        this.reader = new KeyedTopicReader(Topics.DELIVERIES, kafkaConfig, this::onRecord).onTombstone(this::forget);
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
        // Written longer ago than the retention: its status is older still, and is passed over unread (a year of
        // history on the topic is mostly this).
        if (record.timestampType() == TimestampType.CREATE_TIME
                && Instant.ofEpochMilli(record.timestamp()).plus(retention).isBefore(clock.instant())) {
            return;
        }
        DeliveryStatus status;
        try {
            status = mapper.readValue(record.value(), DeliveryStatus.class);
        } catch (IOException e) {
            throw new IllegalStateException("delivery status " + record.key() + " is unreadable", e);
        }
        if (past(status, clock.instant())) {
            return; // over for longer than the retention: neither kept nor streamed
        }
        apply(status);
        feed.onRecord(status, record.partition(), record.offset());
    }

    /** Whether the delivery's last status is older than the history's retention. */
    private boolean past(DeliveryStatus status, Instant now) {
        return status.updatedAt() != null && status.updatedAt().plus(retention).isBefore(now);
    }

    /**
     * Removes what has passed the retention and writes its tombstones; run by the view's thread every
     * banditore.history.prune-every, in every replica (a tombstone written twice is harmless). Returns how many deliveries it removed.
     */
    public int prune() {
        Instant now = clock.instant();
        List<String> past = byId.values().stream().filter(status -> past(status, now)).map(DeliveryStatus::deliveryId).toList();
        // Let go of what Kafka will forget too; a tombstone not written is tried again next time.
        Collection<String> gone = tombstones == null ? past : tombstones.write(Topics.DELIVERIES, past);
        gone.forEach(this::forget);
        return gone.size();
    }

    /** Lets go of a delivery (a tombstone read, or past the retention). */
    private void forget(String deliveryId) {
        DeliveryStatus old = byId.remove(deliveryId);
        feed.forget(deliveryId);
        if (old != null) {
            byAlert.computeIfPresent(old.alertId(), (alert, deliveries) -> {
                deliveries.remove(deliveryId);
                return deliveries.isEmpty() ? null : deliveries;
            });
        }
    }

    /**
     * Keeps the newest version of each delivery; returns whether this event was newer. A status older than the
     * retention is not kept (a year of history on the topic costs reading time, not memory).
     */
    public boolean apply(DeliveryStatus status) {
        if (past(status, clock.instant())) {
            return false;
        }
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
