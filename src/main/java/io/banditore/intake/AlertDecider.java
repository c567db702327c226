package io.banditore.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertEvents;
import io.banditore.kafka.ConsumerGroups;
import io.banditore.kafka.TopicEnds;
import io.banditore.kafka.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;

/**
 * The intake's single writer: every decision on an alert (a first post, approve, reject, expire, and an Update or
 * Cancel superseding what it references) is taken here, one command at a time, and everything one decision writes
 * (the alert on alerts.v1, the journal entries on intake.v1, the audit records, and the decision the request waits
 * for) is one Kafka transaction together with the command's offset.
 *
 * <p>Why exactly one decision wins, across any number of replicas:
 * <ul>
 * <li>intake.commands.v1 has one partition and this consumer group one owner of it at a time, so commands are
 * decided one after another in the partition's order, each against the state the ones before left.</li>
 * <li>That state is the journal, which only this decider writes. Before its first decision after getting the
 * partition (and after any failed transaction, whose outcome may be unknown) the decider reads the journal up to
 * its last stable offset; after that it applies each decision it commits to its own view at once.</li>
 * <li>A former owner that has not noticed it lost the partition (a zombie) cannot commit: the command's offset is
 * sent in the transaction with the group's generation, which the group coordinator refuses once the group has moved
 * on (KIP-447), so its transaction aborts. A zombie's transaction already accepted before the rebalance holds up the
 * new owner's read of the committed offset until it completes, so the new owner's read of the journal includes it.</li>
 * <li>Every reader of alerts.v1, intake.v1 and audit.v1 is read_committed, so nothing of a decision is seen unless
 * all of it is. A transaction that fails is aborted and the command decided again, from a fresh read of the
 * journal, until a transaction commits (or another decider owns the commands): nothing accepted is lost. Only a
 * committed decision reaches this replica's views.</li>
 * </ul>
 */
@ApplicationScoped
@Identifier(AlertDecider.REBALANCE_LISTENER)
public class AlertDecider implements KafkaConsumerRebalanceListener {

    /** The name application.properties gives this listener (consumer-rebalance-listener.name). */
    public static final String REBALANCE_LISTENER = "intake-decider";
    private static final Logger LOG = Logger.getLogger(AlertDecider.class);

    private final Decisions decisions;
    private final AlertRegistry registry;
    private final AuditLog audit;
    private final AlertEvents events;
    /** The CloudEvents source of the alerts this decider publishes on alerts.v1. */
    private final String eventSource;
    private final ObjectMapper mapper;
    private final KafkaTransactions<byte[]> transactions;
    private final TopicEnds journalEnds;
    private final ConsumerGroups groups;
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "intake-decider-sync");
        t.setDaemon(true);
        return t;
    });
    /** Asked (at start, on each assignment, after a failure) and done: the journal must be read before the next decision. */
    private final AtomicLong syncWanted = new AtomicLong(1);
    private volatile long syncDone;
    /** Changes whenever the commands partition is revoked or lost: a decision still retrying then stops. */
    private final AtomicLong assignments = new AtomicLong();
    private static final Duration RETRY = Duration.ofSeconds(1);

    public AlertDecider(Decisions decisions, AlertRegistry registry, AuditLog audit, AlertEvents events, IntakeConfig config,
            ObjectMapper mapper, @Channel(Topics.Channels.INTAKE_DECISIONS_OUT) KafkaTransactions<byte[]> transactions,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerGroups groups) {
        this.groups = groups;
        this.decisions = decisions;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
        this.eventSource = config.eventSource();
        this.mapper = mapper;
        this.transactions = transactions;
        this.journalEnds = new TopicEnds(Topics.INTAKE, kafkaConfig);
    }

    @PreDestroy
    void stop() {
        blocking.shutdownNow();
        journalEnds.close();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        syncWanted.incrementAndGet();
        int count = consumer.partitionsFor(Topics.INTAKE_COMMANDS).size();
        if (count != 1) {
            LOG.errorf("%s has %d partitions: it must have exactly one, or two deciders may decide on related alerts at once",
                    Topics.INTAKE_COMMANDS, count);
        }
        groups.assigned(consumer);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assignments.incrementAndGet();
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assignments.incrementAndGet();
    }

    @Incoming(Topics.Channels.INTAKE_COMMANDS_IN)
    public Uni<Void> decide(Message<byte[]> message) {
        DecisionCommand command;
        try {
            command = mapper.readValue(message.getPayload(), DecisionCommand.class);
        } catch (IOException e) {
            LOG.errorf(e, "A command on %s is unreadable; it is skipped", Topics.INTAKE_COMMANDS);
            return Uni.createFrom().completionStage(message.ack());
        }
        return attempt(message, command, assignments.get());
    }

    /**
     * Decides and commits; a transaction that fails was aborted, and the same command is decided again (from a fresh
     * read of the journal) until one commits, unless the partition has moved to another decider meanwhile, which
     * then decides it from the last committed offset. A command decided twice this way is answered the second time
     * as already done: every decision is idempotent.
     */
    private Uni<Void> attempt(Message<byte[]> message, DecisionCommand command, long assignment) {
        return journalRead()
                .chain(() -> {
                    Decisions.Outcome outcome = decisions.decide(command);
                    return transactions.withTransaction(message, tx -> write(tx, outcome)).replaceWith(outcome);
                })
                .invoke(this::applied)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> {
                    syncWanted.incrementAndGet();
                    if (assignments.get() != assignment) {
                        LOG.warnf("The decision on %s (%s) was not committed; the decider that has the commands now takes it", command.alertId(),
                                command.kind());
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("The decision on %s (%s) was not committed and will be taken again: %s", command.alertId(), command.kind(), e.toString());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(RETRY).chain(() -> attempt(message, command, assignment));
                });
    }

    /** Everything of one decision, in one transaction: the journal, the audit, then the published alert and the answer. */
    private Uni<Void> write(TransactionalEmitter<byte[]> tx, Decisions.Outcome outcome) {
        Decision decision = outcome.decision();
        for (AlertEntry entry : outcome.journal()) {
            tx.send(record(Topics.INTAKE, entry.id(), json(entry), null));
        }
        for (AuditEvent event : decision.audit()) {
            tx.send(record(Topics.AUDIT, event.alertId(), json(event), null));
        }
        Alert published = outcome.published();
        if (published != null) {
            tx.send(record(Topics.ALERTS, published.identifier(), events.published(eventSource, decision.alertId(), published), AlertEvents.CONTENT_TYPE));
        }
        tx.send(record(Topics.INTAKE_DECISIONS, decision.alertId(), json(decision), null));
        return Uni.createFrom().voidItem();
    }

    private void applied(Decisions.Outcome outcome) {
        outcome.journal().forEach(registry::apply);
        outcome.decision().audit().forEach(audit::apply);
        Decision d = outcome.decision();
        if (!outcome.journal().isEmpty()) {
            LOG.infof("Alert %s (%s from %s) is %s", d.alertId(), d.entry().alert().identifier(), d.entry().alert().sender(),
                    AlertService.stateName(d.entry().state()));
        }
    }

    /** Reads the journal up to its last stable offset when asked to; otherwise the view already holds every decision. */
    private Uni<Void> journalRead() {
        long wanted = syncWanted.get();
        if (wanted == syncDone) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(journalEnds::now).runSubscriptionOn(blocking)
                .chain(this::awaitRegistry)
                .invoke(() -> syncDone = wanted)
                // Kafka unreachable: keep the command and ask again rather than decide on a view that may be behind.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }

    private Uni<Void> awaitRegistry(Map<TopicPartition, Long> ends) {
        if (registry.hasRead(ends)) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().ticks().every(Duration.ofMillis(20)).filter(tick -> registry.hasRead(ends)).toUni().replaceWithVoid();
    }

    private static Message<byte[]> record(String topic, String key, byte[] value, String contentType) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key);
        if (contentType != null) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
            metadata.withHeaders(headers);
        }
        return Message.of(value).addMetadata(metadata.build());
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
