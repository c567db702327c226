package io.banditore.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** The audit trail: every action on an alert, on audit.v1 for the record keepers and per alert for the API. */
@ApplicationScoped
public class AuditLog {

    private final MutinyEmitter<AuditEvent> emitter;
    private final Map<String, Map<String, AuditEvent>> byAlert = new ConcurrentHashMap<>();
    private final KeyedTopicReader reader;
    private final Clock clock;

    public AuditLog(@Channel(Topics.Channels.AUDIT_OUT) MutinyEmitter<AuditEvent> emitter, ObjectMapper mapper, Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.emitter = emitter;
        this.clock = clock;
        this.reader = KeyedTopicReader.ofJson(Topics.AUDIT, kafkaConfig, mapper, AuditEvent.class, this::apply);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    /** Records an action; the returned Uni completes once Kafka has it. */
    public Uni<Void> record(String alertId, Alert alert, String action, String actor, String detail) {
        AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), alertId, alert.identifier(), alert.sender(), action, actor,
                Instant.now(clock), detail);
        return emitter.sendMessage(KafkaMessages.keyed(alertId, event)).invoke(() -> apply(event));
    }

    public List<AuditEvent> of(String alertId) {
        return byAlert.getOrDefault(alertId, Map.of()).values().stream().sorted(Comparator.comparing(AuditEvent::at)).toList();
    }

    public boolean caughtUp() {
        return reader.caughtUp();
    }


    // Events are kept by id: the local write and the same event read back from Kafka are one entry.
    private void apply(AuditEvent event) {
        byAlert.computeIfAbsent(event.alertId(), k -> new ConcurrentHashMap<>()).put(event.eventId(), event);
    }
}
