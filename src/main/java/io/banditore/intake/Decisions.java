package io.banditore.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.AlertValidator;
import io.banditore.alert.CapStatus;
import io.banditore.alert.InvalidAlertException;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.alert.Violation;
import io.banditore.kafka.Topics;

/**
 * The rules of every decision on an alert, against the intake's state: what a command leads to and what it writes.
 * Pure but for reading the registry; only the decider (AlertDecider) calls it, one command at a time.
 */
@ApplicationScoped
public class Decisions {

    /** States in which an alert may still be updated or cancelled: it was published and not withdrawn. */
    private static final Set<AlertState> REFERABLE = EnumSet.of(AlertState.ACTIVE, AlertState.UPDATED, AlertState.EXPIRED);
    static final String SYSTEM = "banditore";

    /** A decision, the journal entries it writes (none for a refusal or the same post again), and the alert it publishes (or null). */
    public record Outcome(Decision decision, List<AlertEntry> journal, Alert published) {
    }

    private final AlertRegistry registry;
    private final ApprovalPolicy approvalPolicy;
    private final AlertValidator validator;
    private final Clock clock;
    private final ObjectMapper mapper;

    public Decisions(AlertRegistry registry, ApprovalPolicy approvalPolicy, AlertValidator validator, Clock clock, ObjectMapper mapper) {
        this.mapper = mapper;
        this.registry = registry;
        this.approvalPolicy = approvalPolicy;
        this.validator = validator;
        this.clock = clock;
    }

    public Outcome decide(DecisionCommand command) {
        try {
            return switch (command.kind()) {
                case SUBMIT -> submit(command);
                case APPROVE -> approve(command);
                case REJECT -> reject(command);
                case EXPIRE -> expire(command);
            };
        } catch (InvalidAlertException e) {
            return refusal(command, 422, e.getMessage(), e.violations(), List.of());
        }
    }

    private Outcome submit(DecisionCommand c) {
        Alert alert = c.alert();
        String hash = ContentHash.of(mapper, alert);
        var existing = registry.find(c.alertId());
        if (existing.isPresent()) {
            AlertEntry known = existing.get();
            return known.contentHash().equals(hash) ? same(c, known)
                    : refusal(c, 409, "alert " + known.alert().identifier() + " from " + known.alert().sender()
                            + " was already accepted with other content; send an Update that references it instead", List.of(), List.of());
        }
        List<AlertEntry> referenced = resolveReferences(alert);
        boolean needsApproval = approvalPolicy.requiresApproval(alert);
        Instant now = Instant.now(clock);
        AlertEntry entry = new AlertEntry(c.alertId(), alert, needsApproval ? AlertState.PENDING_APPROVAL : AlertState.ACTIVE, c.actor(),
                now, null, null, null, hash, false, 1, null);
        List<AuditEvent> audit = new ArrayList<>();
        audit.add(audit(entry, "submitted", c.actor(), needsApproval ? "waits for approval by a second person"
                : "published without approval (" + alert.status() + " " + alert.msgType() + ")"));
        return needsApproval ? answer(c, 202, null, entry, List.of(), audit, null) : publish(c, 202, entry, referenced, c.actor(), audit);
    }

    private Outcome approve(DecisionCommand c) {
        var found = registry.find(c.alertId());
        if (found.isEmpty()) {
            return refusal(c, 404, "alert " + c.alertId() + " does not exist", List.of(), List.of());
        }
        AlertEntry entry = found.get();
        if (entry.state() == AlertState.ACTIVE && c.actor().equals(entry.decidedBy()) && entry.published()) {
            // The same approval again (a retry after a lost answer): done.
            return same(c, entry);
        }
        if (entry.state() != AlertState.PENDING_APPROVAL) {
            return refusal(c, 409, notPending(entry), List.of(), List.of());
        }
        if (c.actor().equals(entry.submittedBy())) {
            return refusal(c, 403, "the author of an alert cannot approve it: a second person must", List.of(),
                    List.of(audit(entry, "approval-refused", c.actor(), "the author cannot approve their own alert")));
        }
        validator.validate(entry.alert());
        List<AlertEntry> referenced = resolveReferences(entry.alert());
        AlertEntry approved = entry.approved(c.actor(), Instant.now(clock));
        return publish(c, 200, approved, referenced, c.actor(), new ArrayList<>(List.of(audit(entry, "approved", c.actor(), null))));
    }

    private Outcome reject(DecisionCommand c) {
        var found = registry.find(c.alertId());
        if (found.isEmpty()) {
            return refusal(c, 404, "alert " + c.alertId() + " does not exist", List.of(), List.of());
        }
        AlertEntry entry = found.get();
        if (entry.state() == AlertState.REJECTED && c.actor().equals(entry.decidedBy()) && c.reason().equals(entry.reason())) {
            return same(c, entry);
        }
        if (entry.state() != AlertState.PENDING_APPROVAL) {
            return refusal(c, 409, notPending(entry), List.of(), List.of());
        }
        AlertEntry rejected = entry.withState(AlertState.REJECTED, c.actor(), Instant.now(clock), c.reason());
        return answer(c, 200, null, rejected, List.of(), List.of(audit(entry, "rejected", c.actor(), c.reason())), null);
    }

    /** Only an alert still active or updated, and expired by now, expires; a second watch's command finds it done. */
    private Outcome expire(DecisionCommand c) {
        var found = registry.find(c.alertId());
        Instant now = Instant.now(clock);
        if (found.isEmpty() || !(found.get().state() == AlertState.ACTIVE || found.get().state() == AlertState.UPDATED)
                || !found.get().alert().isExpiredAt(now)) {
            return refusal(c, 409, found.map(Decisions::notPending).orElse("unknown alert"), List.of(), List.of());
        }
        AlertEntry entry = found.get();
        AlertEntry expired = entry.withState(AlertState.EXPIRED, SYSTEM, now, null);
        return answer(c, 200, null, expired, List.of(), List.of(audit(entry, "expired", SYSTEM, null)), null);
    }

    /** A Draft is recorded and never published; an Update supersedes what it references, a Cancel withdraws it. */
    private Outcome publish(DecisionCommand c, int status, AlertEntry entry, List<AlertEntry> referenced, String who, List<AuditEvent> audit) {
        Alert alert = entry.alert();
        boolean publishes = alert.status() != CapStatus.Draft;
        AlertEntry recorded = entry.asPublished(publishes);
        audit.add(publishes ? audit(entry, "published", who, "on " + Topics.ALERTS) : audit(entry, "kept", who, "a Draft is never published"));
        AlertState newState = alert.msgType() == MsgType.Cancel ? AlertState.CANCELLED : alert.msgType() == MsgType.Update ? AlertState.UPDATED : null;
        List<AlertEntry> superseded = new ArrayList<>();
        if (newState != null && publishes) {
            Instant now = Instant.now(clock);
            for (AlertEntry r : referenced) {
                superseded.add(r.supersededBy(newState, entry.id(), who, now));
                audit.add(audit(r, AlertService.stateName(newState), who, "by " + alert.identifier() + " (" + entry.id() + ")"));
            }
        }
        return answer(c, status, null, recorded, superseded, audit, publishes ? alert : null);
    }

    /**
     * Update and Cancel must reference alerts that exist and were published (never a Draft), in a state that can
     * change, with the same status (an Exercise never withdraws an Actual alert). Ack and Error must reference alerts
     * that exist. The poster's right to each referenced sender is checked with the request (AlertService).
     */
    List<AlertEntry> resolveReferences(Alert alert) {
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
                violations.add(new Violation("/references", "refers to " + named + ", which is " + AlertService.stateName(entry.state())
                        + (entry.state() == AlertState.PENDING_APPROVAL ? ": approve or reject it instead" : ": it can no longer be changed")));
            } else if (referenced.status() != alert.status()) {
                violations.add(new Violation("/references", "refers to " + named + ", an " + referenced.status() + " alert: an "
                        + alert.status() + " " + alert.msgType() + " cannot change it; an Update or Cancel has the status of what it references"));
            } else {
                found.add(entry);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
        return found;
    }

    private static String notPending(AlertEntry entry) {
        return "alert " + entry.id() + " is " + AlertService.stateName(entry.state())
                + (entry.decidedBy() == null ? "" : " (" + entry.decidedBy() + ", " + entry.decidedAt() + ")")
                + (entry.supersededBy() == null ? "" : " by " + entry.supersededBy())
                + "; only an alert pending approval can be approved or rejected";
    }

    private AuditEvent audit(AlertEntry entry, String action, String actor, String detail) {
        return new AuditEvent(UUID.randomUUID().toString(), entry.id(), entry.alert().identifier(), entry.alert().sender(), action, actor,
                Instant.now(clock), detail);
    }

    private static Outcome answer(DecisionCommand c, int status, String detail, AlertEntry entry, List<AlertEntry> superseded,
            List<AuditEvent> audit, Alert published) {
        List<AlertEntry> journal = new ArrayList<>();
        journal.add(entry);
        journal.addAll(superseded);
        return new Outcome(new Decision(c.commandId(), c.alertId(), status, detail, List.of(), entry, superseded, audit), journal, published);
    }

    /** Already so: answered with the entry as it stands, writing nothing. */
    private static Outcome same(DecisionCommand c, AlertEntry entry) {
        return new Outcome(new Decision(c.commandId(), c.alertId(), 200, null, List.of(), entry, List.of(), List.of()), List.of(), null);
    }

    private static Outcome refusal(DecisionCommand c, int status, String detail, List<Violation> violations, List<AuditEvent> audit) {
        return new Outcome(new Decision(c.commandId(), c.alertId(), status, detail, violations, null, List.of(), audit), List.of(), null);
    }
}
