package io.banditore.intake;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** The audit trail: every action on an alert, on audit.v1 for the record keepers (written by AlertDecider) and per alert for the API. */
@ApplicationScoped
public class AuditLog implements StateView {

    private final Map<String, Map<String, AuditEvent>> byAlert = new ConcurrentHashMap<>();
    private final KeyedTopicReader reader;

    public AuditLog(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.reader = KeyedTopicReader.ofJson(Topics.AUDIT, kafkaConfig, mapper, AuditEvent.class, this::apply);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    public List<AuditEvent> of(String alertId) {
        return byAlert.getOrDefault(alertId, Map.of()).values().stream().sorted(Comparator.comparing(AuditEvent::at)).toList();
    }

    @Override
    public String topic() {
        return Topics.AUDIT;
    }

    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }


    // Events are kept by id: the decider's own write and the same event read back from Kafka are one entry.
    void apply(AuditEvent event) {
        byAlert.computeIfAbsent(event.alertId(), k -> new ConcurrentHashMap<>()).put(event.eventId(), event);
    }
}
