package io.banditore.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.TopicTail;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Where a request waits for its decision: follows intake.decisions.v1 (read_committed, from its end at start) and
 * hands each decision to the request that sent its command, after showing what it wrote in this replica's views.
 */
@ApplicationScoped
public class DecisionWaiter {

    private static final Logger LOG = Logger.getLogger(DecisionWaiter.class);

    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();
    private final AlertRegistry registry;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final TopicTail tail;

    public DecisionWaiter(AlertRegistry registry, AuditLog audit, ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.registry = registry;
        this.audit = audit;
        this.mapper = mapper;
        this.tail = new TopicTail(Topics.INTAKE_DECISIONS, kafkaConfig, (key, value) -> arrived(read(value)));
    }

    // A request's decision comes after its command was sent; the tail must stand at the end before any is sent.
    void onStart(@Observes StartupEvent event) throws InterruptedException {
        if (!tail.start(Duration.ofSeconds(60))) {
            LOG.errorf("%s could not be reached within 60 s: requests will time out until it is", Topics.INTAKE_DECISIONS);
        }
    }

    @PreDestroy
    void stop() {
        tail.close();
    }

    /** Call before sending the command, so that its decision cannot arrive unseen. */
    CompletableFuture<Decision> expect(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    void forget(String commandId) {
        waiting.remove(commandId);
    }

    private void arrived(Decision decision) {
        if (decision.entry() != null && decision.accepted()) {
            registry.apply(decision.entry());
        }
        decision.superseded().forEach(registry::apply);
        decision.audit().forEach(audit::apply);
        CompletableFuture<Decision> request = waiting.remove(decision.commandId());
        if (request != null) {
            request.complete(decision);
        }
    }

    private Decision read(byte[] value) {
        try {
            return mapper.readValue(value, Decision.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable decision", e);
        }
    }
}
