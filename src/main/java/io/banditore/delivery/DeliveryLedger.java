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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The latest status of every delivery, rebuilt from deliveries.v1 at start and kept current from it in every replica.
 * Dispatchers consult it so that a delivery already SENT is never sent again.
 */
@ApplicationScoped
public class DeliveryLedger {

    private final Map<String, DeliveryStatus> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DeliveryStatus>> byAlert = new ConcurrentHashMap<>();
    private final KeyedTopicReader reader;
    private final ObjectMapper mapper;

    public DeliveryLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.mapper = mapper;
        this.reader = new KeyedTopicReader(Topics.DELIVERIES, kafkaConfig, this::onRecord);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    private void onRecord(String key, byte[] value) {
        try {
            apply(mapper.readValue(value, DeliveryStatus.class));
        } catch (IOException e) {
            throw new IllegalStateException("delivery status " + key + " is unreadable", e);
        }
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

    public boolean caughtUp() {
        return reader.caughtUp();
    }
}
