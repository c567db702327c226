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
import java.util.function.Predicate;

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
import io.banditore.alert.Senders;
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
    private final Map<String, List<String>> supervised;
    /** Alerts being accepted right now, by id: a second post of the same alert waits for the first instead of racing it. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public AlertService(AlertValidator validator, AlertRegistry registry, AlertEvents events, ApprovalPolicy approvalPolicy,
            AuditLog audit, ObjectMapper mapper, Clock clock, IntakeConfig config,
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
        this.supervised = config.supervisedSenders();
    }

    /**
     * @param mayUseSender whether the poster may post as a sender: an Update or Cancel needs it for the sender of
     *                     each alert it references, unless its own sender supervises that one
     */
    public Uni<Submission> submit(Alert alert, String author, Predicate<String> mayUseSender) {
        validator.validate(alert);
        String id = AlertIds.of(alert.sender(), alert.identifier());
        String hash = contentHash(alert);
        var existing = registry.find(id);
        if (existing.isPresent()) {
            return Uni.createFrom().item(repeated(existing.get(), hash));
        }
        List<AlertEntry> referenced = resolveReferences(alert, mayUseSender);
        if (inFlight.putIfAbsent(id, Boolean.TRUE) != null) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "alert " + alert.identifier() + " from " + alert.sender() + " is being accepted right now; post again to see it"));
        }
        boolean needsApproval = approvalPolicy.requiresApproval(alert);
        AlertEntry entry = new AlertEntry(id, alert, needsApproval ? AlertState.PENDING_APPROVAL : AlertState.ACTIVE, author,
                Instant.now(clock), null, null, null, hash, false, 1, null);
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
        // The poster's right to the referenced senders was checked when it was posted.
        List<AlertEntry> referenced = resolveReferences(entry.alert(), sender -> true);
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
        AlertEntry recorded = entry.asPublished(publishes);
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
                        .chain(() -> record(r.supersededBy(newState, byId, who, Instant.now(clock)))))
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

    /**
     * Update and Cancel must reference alerts that exist and were published (never a Draft), with the same status (an
     * Exercise never withdraws an Actual alert) and a sender the poster may use, or one the Update's or Cancel's own
     * sender supervises. Ack and Error, messages between systems, must reference alerts that exist. Each breach is named.
     */
    private List<AlertEntry> resolveReferences(Alert alert, Predicate<String> mayUseSender) {
        if (!alert.msgType().needsReferences()) {
            return List.of();
        }
        boolean changes = alert.msgType() == MsgType.Update || alert.msgType() == MsgType.Cancel;
        List<AlertEntry> found = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (Reference ref : alert.referencedAlerts()) {
            var known = registry.find(AlertIds.of(ref.sender(), ref.identifier()));
            String named = ref.sender() + "," + ref.identifier();
            if (known.isEmpty()) {
                violations.add(new Violation("/references", "refers to " + named
                        + ", which Banditore does not know: an " + alert.msgType() + " must reference an existing alert"));
                continue;
            }
            AlertEntry entry = known.get();
            Alert referenced = entry.alert();
            if (!changes) {
                found.add(entry);
            } else if (referenced.status() == CapStatus.Draft) {
                violations.add(new Violation("/references", "refers to " + named
                        + ", which is a Draft: a Draft is never published, so nothing can update or cancel it"));
            } else if (!REFERABLE.contains(entry.state())) {
                violations.add(new Violation("/references", "refers to " + named + ", which is " + stateName(entry.state())
                        + (entry.state() == AlertState.PENDING_APPROVAL ? ": approve or reject it instead" : ": it can no longer be changed")));
            } else if (referenced.status() != alert.status()) {
                violations.add(new Violation("/references", "refers to " + named + ", an " + referenced.status() + " alert: an "
                        + alert.status() + " " + alert.msgType() + " cannot change it; an Update or Cancel has the status of what it references"));
            } else if (!Senders.same(referenced.sender(), alert.sender()) && !mayUseSender.test(referenced.sender())
                    && !supervises(alert.sender(), referenced.sender())) {
                violations.add(new Violation("/references", "refers to " + named + ", an alert of " + referenced.sender()
                        + ": you may not post as that sender, and " + alert.sender() + " does not supervise it"));
            } else {
                found.add(entry);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
        return found;
    }

    private boolean supervises(String supervisor, String sender) {
        return supervised.entrySet().stream().filter(e -> Senders.same(e.getKey(), supervisor))
                .flatMap(e -> e.getValue().stream()).anyMatch(pattern -> Senders.matches(pattern, sender));
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
            // The sender compared as an address: the same alert re-posted with its sender in other case is the same alert.
            byte[] canonical = mapper.writeValueAsBytes(new Alert(alert.identifier(), Senders.normalised(alert.sender()), alert.sent(),
                    alert.status(), alert.msgType(), alert.source(), alert.scope(), alert.restriction(), alert.addresses(), alert.code(),
                    alert.note(), alert.references(), alert.incidents(), alert.info()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String stateName(AlertState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
