package io.banditore.delivery;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
