package io.banditore.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertValidator;
import io.banditore.alert.CapStatus;
import io.banditore.alert.InvalidAlertException;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.alert.Violation;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.Topics;
import io.banditore.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Accepts alerts: validates them, records them in the intake journal and publishes them on alerts.v1 once they may
 * be published. Every answer comes after Kafka has acknowledged what it promises, and every action is audited.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    /** What a submission led to: the entry, and whether it is new or the same alert posted again. */
    public record Submission(AlertEntry entry, boolean created) {
    }

    /** States in which an alert may still be updated or cancelled: it was published and not withdrawn. */
    private static final Set<AlertState> REFERABLE = EnumSet.of(AlertState.ACTIVE, AlertState.UPDATED, AlertState.EXPIRED);

    private final AlertValidator validator;
    private final AlertRegistry registry;
    private final AlertEvents events;
    private final ApprovalPolicy approvalPolicy;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MutinyEmitter<byte[]> alerts;
    private final MutinyEmitter<AlertEntry> journal;
    /** Alerts being accepted right now, by id: a second post of the same alert waits for the first instead of racing it. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public AlertService(AlertValidator validator, AlertRegistry registry, AlertEvents events, ApprovalPolicy approvalPolicy,
            AuditLog audit, ObjectMapper mapper, Clock clock,
            @Channel(Topics.Channels.ALERTS_OUT) MutinyEmitter<byte[]> alerts,
            @Channel(Topics.Channels.INTAKE_OUT) MutinyEmitter<AlertEntry> journal) {
        this.validator = validator;
        this.registry = registry;
        this.events = events;
        this.approvalPolicy = approvalPolicy;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
        this.alerts = alerts;
        this.journal = journal;
    }

    public Uni<Submission> submit(Alert alert, String author) {
        validator.validate(alert);
        String id = AlertIds.of(alert.sender(), alert.identifier());
        String hash = contentHash(alert);
        var existing = registry.find(id);
        if (existing.isPresent()) {
            return Uni.createFrom().item(repeated(existing.get(), hash));
        }
        List<AlertEntry> referenced = resolveReferences(alert);
        if (inFlight.putIfAbsent(id, Boolean.TRUE) != null) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "alert " + alert.identifier() + " from " + alert.sender() + " is being accepted right now; post again to see it"));
        }
        boolean needsApproval = approvalPolicy.requiresApproval(alert);
        AlertEntry entry = new AlertEntry(id, alert, needsApproval ? AlertState.PENDING_APPROVAL : AlertState.ACTIVE, author,
                Instant.now(clock), null, null, null, hash, false, 1);
        return Uni.createFrom().deferred(() -> audit.record(id, alert, "submitted", author,
                        needsApproval ? "waits for approval by a second person" : "published without approval (" + alert.status() + ")")
                        .chain(() -> needsApproval ? record(entry) : publish(entry, referenced, author)))
                .map(e -> new Submission(e, true))
                .onTermination().invoke(() -> inFlight.remove(id));
    }

    public Uni<AlertEntry> approve(String id, String approver) {
        AlertEntry entry = pending(id);
        if (approver.equals(entry.submittedBy())) {
            return audit.record(id, entry.alert(), "approval-refused", approver, "the author cannot approve their own alert")
                    .chain(() -> Uni.createFrom().failure(
                            ProblemException.forbidden("the author of an alert cannot approve it: a second person must")));
        }
        validator.validate(entry.alert());
        List<AlertEntry> referenced = resolveReferences(entry.alert());
        return audit.record(id, entry.alert(), "approved", approver, null)
                .chain(() -> publish(entry.approved(approver, Instant.now(clock)), referenced, approver));
    }

    public Uni<AlertEntry> reject(String id, String approver, String reason) {
        AlertEntry entry = pending(id);
        return audit.record(id, entry.alert(), "rejected", approver, reason)
                .chain(() -> record(entry.withState(AlertState.REJECTED, approver, Instant.now(clock), reason)));
    }

    /** Active alerts whose every info block has expired become expired; nothing more is published for them. */
    public Uni<Void> expireDue() {
        Instant now = Instant.now(clock);
        List<Uni<AlertEntry>> expiring = registry.all().stream()
                .filter(e -> (e.state() == AlertState.ACTIVE || e.state() == AlertState.UPDATED) && e.alert().isExpiredAt(now))
                .map(e -> audit.record(e.id(), e.alert(), "expired", "banditore", null)
                        .chain(() -> record(e.withState(AlertState.EXPIRED, "banditore", now, null))))
                .toList();
        return expiring.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(expiring).andCollectFailures().replaceWithVoid();
    }

    private AlertEntry pending(String id) {
        AlertEntry entry = registry.find(id).orElseThrow(() -> ProblemException.notFound("alert " + id));
        if (entry.state() != AlertState.PENDING_APPROVAL) {
            throw ProblemException.conflict("alert " + id + " is " + stateName(entry.state())
                    + "; only an alert pending approval can be approved or rejected");
        }
        return entry;
    }

    /**
     * Publishes first and records second: if the process stops in between, the operator's retry publishes again
     * under the same event id, and the channels skip what they already sent; an alert is never recorded as
     * published without being so. A Draft is recorded and never published.
     */
    private Uni<AlertEntry> publish(AlertEntry entry, List<AlertEntry> referenced, String who) {
        Alert alert = entry.alert();
        boolean publishes = alert.status() != CapStatus.Draft;
        AlertEntry recorded = new AlertEntry(entry.id(), alert, entry.state(), entry.submittedBy(), entry.submittedAt(),
                entry.decidedBy(), entry.decidedAt(), entry.reason(), entry.contentHash(), publishes, entry.revision());
        Uni<Void> send = publishes
                ? alerts.sendMessage(KafkaMessages.keyed(alert.identifier(), events.published(entry.id(), alert), AlertEvents.CONTENT_TYPE))
                        .chain(() -> audit.record(entry.id(), alert, "published", who, "on " + Topics.ALERTS))
                : audit.record(entry.id(), alert, "kept", who, "a Draft is never published");
        return send
                .chain(() -> record(recorded))
                .call(() -> supersede(referenced, alert, entry.id(), who));
    }

    /** An Update supersedes what it references, a Cancel withdraws it. */
    private Uni<Void> supersede(List<AlertEntry> referenced, Alert by, String byId, String who) {
        AlertState newState = by.msgType() == MsgType.Cancel ? AlertState.CANCELLED : by.msgType() == MsgType.Update ? AlertState.UPDATED : null;
        if (newState == null || referenced.isEmpty() || by.status() == CapStatus.Draft) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<AlertEntry>> writes = referenced.stream()
                .map(r -> audit.record(r.id(), r.alert(), stateName(newState), who, "by " + by.identifier() + " (" + byId + ")")
                        .chain(() -> record(r.withState(newState, who, Instant.now(clock), r.reason()))))
                .toList();
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private Uni<AlertEntry> record(AlertEntry entry) {
        return journal.sendMessage(KafkaMessages.keyed(entry.id(), entry))
                .invoke(() -> registry.apply(entry))
                .invoke(() -> LOG.infof("Alert %s (%s from %s) is %s", entry.id(), entry.alert().identifier(),
                        entry.alert().sender(), stateName(entry.state())))
                .replaceWith(entry);
    }

    /** Update and Cancel must reference alerts that exist and were published; each one that is not is named. */
    private List<AlertEntry> resolveReferences(Alert alert) {
        if (!alert.msgType().needsReferences()) {
            return List.of();
        }
        List<AlertEntry> found = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (Reference ref : alert.referencedAlerts()) {
            var entry = registry.find(AlertIds.of(ref.sender(), ref.identifier()));
            String named = ref.sender() + "," + ref.identifier();
            if (entry.isEmpty()) {
                violations.add(new Violation("/references", "refers to " + named
                        + ", which Banditore does not know: an " + alert.msgType() + " must reference an existing alert"));
            } else if (!REFERABLE.contains(entry.get().state())) {
                violations.add(new Violation("/references", "refers to " + named + ", which is " + stateName(entry.get().state())
                        + (entry.get().state() == AlertState.PENDING_APPROVAL ? ": approve or reject it instead" : ": it can no longer be changed")));
            } else {
                found.add(entry.get());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
        return found;
    }

    private Submission repeated(AlertEntry existing, String hash) {
        if (!existing.contentHash().equals(hash)) {
            throw ProblemException.conflict("alert " + existing.alert().identifier() + " from " + existing.alert().sender()
                    + " was already accepted with other content; send an Update that references it instead");
        }
        return new Submission(existing, false);
    }

    private String contentHash(Alert alert) {
        try {
            byte[] canonical = mapper.writeValueAsBytes(alert);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String stateName(AlertState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
