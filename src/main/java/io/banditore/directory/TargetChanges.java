package io.banditore.directory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Violation;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Topics;
import io.banditore.refusal.Conflict;
import io.banditore.refusal.NotFound;
import io.banditore.refusal.Refusal;
import io.banditore.refusal.RulesBroken;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Targets added, replaced and removed at run time: written to targets.v1 and applied to the directory only as they
 * are read back from it, in the topic's order, so that every replica ends with the same directory whatever the order
 * of concurrent changes. A change answers once this replica has read it back.
 */
@ApplicationScoped
public class TargetChanges implements StateView {

    private static final Logger LOG = Logger.getLogger(TargetChanges.class);
    private static final Duration READ_BACK = Duration.ofSeconds(15);

    private final TargetDirectory directory;
    private final TargetValidator validator;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MutinyEmitter<TargetChange> emitter;
    private final KeyedTopicReader reader;
    private final Map<String, CompletableFuture<Void>> awaitingReadBack = new ConcurrentHashMap<>();

    public TargetChanges(TargetDirectory directory, TargetValidator validator, ObjectMapper mapper, Clock clock,
            @Channel(Topics.Channels.TARGETS_OUT) MutinyEmitter<TargetChange> emitter,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.directory = directory;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
        this.emitter = emitter;
        this.reader = new KeyedTopicReader(Topics.TARGETS, kafkaConfig, this::onRecord);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    @Override
    public String topic() {
        return Topics.TARGETS;
    }

    /** True once targets.v1 has been read up to where it stood at start: until then a run-time target may be missing. */
    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /**
     * Adds or replaces a target. The result is the directory's entry once read back, or empty when this replica
     * has not read it back in time (the change is on Kafka all the same).
     */
    public Uni<Optional<DirectoryEntry>> put(String id, Target body, String by) {
        List<Violation> errors = new java.util.ArrayList<>();
        if (body.id() != null && !body.id().equals(id)) {
            errors.add(new Violation("/id", "'" + body.id() + "' differs from the id of the URL ('" + id + "'); leave it out or make them equal"));
        }
        Target target = body.withId(id);
        errors.addAll(validator.validate(target));
        if (!errors.isEmpty()) {
            throw new RulesBroken("target", errors.stream().map(v -> new Refusal.Field(v.pointer(), v.detail())).toList());
        }
        return write(new TargetChange(UUID.randomUUID().toString(), id, target, by, Instant.now(clock)));
    }

    /** Removes a target added at run time, or the run-time replacement of a file's target (the file's version returns). */
    public Uni<Optional<DirectoryEntry>> remove(String id, String by) {
        DirectoryEntry entry = directory.entry(id).orElseThrow(() -> NotFound.of("target " + id));
        if (entry.source() == DirectoryEntry.Source.FILE) {
            throw new Conflict("target " + id + " comes from the directory file " + directory.location()
                    + "; remove it there (only targets added or replaced at run time are removed here)");
        }
        return write(new TargetChange(UUID.randomUUID().toString(), id, null, by, Instant.now(clock)));
    }

    private Uni<Optional<DirectoryEntry>> write(TargetChange change) {
        CompletableFuture<Void> readBack = new CompletableFuture<>();
        awaitingReadBack.put(change.changeId(), readBack);
        return emitter.sendMessage(KafkaMessages.keyed(change.id(), change))
                .chain(() -> Uni.createFrom().completionStage(readBack)
                        .ifNoItem().after(READ_BACK).recoverWithItem((Void) null)
                        .map(v -> readBack.isDone() ? directory.entry(change.id()) : Optional.<DirectoryEntry>empty()))
                .eventually(() -> awaitingReadBack.remove(change.changeId()));
    }

    private void onRecord(String key, byte[] value) {
        TargetChange change;
        try {
            change = mapper.readValue(value, TargetChange.class);
        } catch (IOException e) {
            throw new IllegalStateException("target change " + key + " is unreadable", e);
        }
        if (change.id() == null || !change.id().equals(key)) {
            LOG.errorf("Target change %s on %s names target %s: ignored", key, Topics.TARGETS, change.id());
            return;
        }
        if (!change.removed()) {
            List<Violation> errors = validator.validate(change.target());
            if (!errors.isEmpty()) {
                // Written by a version with other rules (or another gazetteer): never route to a target this one refuses.
                LOG.errorf("Target %s on %s breaks the directory's rules and is left out: %s", key, Topics.TARGETS, errors);
                directory.apply(new TargetChange(change.changeId(), key, null, change.by(), change.at()));
                complete(change);
                return;
            }
        }
        directory.apply(change);
        LOG.infof("Target %s %s by %s", key, change.removed() ? "removed" : "set", change.by());
        complete(change);
    }

    private void complete(TargetChange change) {
        CompletableFuture<Void> waiting = change.changeId() == null ? null : awaitingReadBack.get(change.changeId());
        if (waiting != null) {
            waiting.complete(null);
        }
    }
}
