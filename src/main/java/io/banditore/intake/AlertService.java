package io.banditore.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.AlertValidator;
import io.banditore.alert.InvalidAlertException;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.alert.Senders;
import io.banditore.alert.Violation;
import io.banditore.kafka.KafkaMessages;
import io.banditore.refusal.Conflict;
import io.banditore.refusal.Forbidden;
import io.banditore.refusal.NotDecidedYet;
import io.banditore.refusal.NotFound;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Takes requests on alerts: checks what needs no state (CAP's rules, the poster's senders), then asks the decider
 * (AlertDecider) through intake.commands.v1 and answers with its decision, once Kafka has committed it. A request
 * whose decision does not come within banditore.intake.decision-timeout is answered 503: its command is on Kafka
 * and will be decided, and sending the same request again is safe.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    /** What a submission led to: the entry, and whether it is new or the same alert posted again. */
    public record Submission(AlertEntry entry, boolean created) {
    }

    private final AlertValidator validator;
    private final AlertRegistry registry;
    private final DecisionWaiter decisions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MutinyEmitter<DecisionCommand> commands;
    private final Map<String, List<String>> supervised;
    private final Duration timeout;
    /** Alerts this replica asked to expire, and when: the watch asks again only if nothing came of it. */
    private final Map<String, Instant> expiryAsked = new ConcurrentHashMap<>();

    public AlertService(AlertValidator validator, AlertRegistry registry, DecisionWaiter decisions, ObjectMapper mapper, Clock clock,
            IntakeConfig config, @Channel(io.banditore.kafka.Topics.Channels.INTAKE_COMMANDS_OUT) MutinyEmitter<DecisionCommand> commands) {
        this.validator = validator;
        this.registry = registry;
        this.decisions = decisions;
        this.mapper = mapper;
        this.clock = clock;
        this.commands = commands;
        this.supervised = config.supervisedSenders();
        this.timeout = config.decisionTimeout();
    }

    /**
     * @param mayUseSender whether the poster may post as a sender: an Update or Cancel needs it for the sender of
     *                     each alert it references, unless its own sender supervises that one
     */
    public Uni<Submission> submit(Alert alert, String author, Predicate<String> mayUseSender) {
        validator.validate(alert);
        checkReferencedSenders(alert, mayUseSender);
        String id = AlertIds.of(alert.sender(), alert.identifier());
        var existing = registry.find(id);
        if (existing.isPresent()) {
            // An accepted alert's content never changes: the same post again is answered from the view.
            return Uni.createFrom().item(repeated(existing.get(), ContentHash.of(mapper, alert)));
        }
        return ask(command(DecisionCommand.Kind.SUBMIT, id, alert, author, null)).map(d -> new Submission(d.entry(), d.status() == 202));
    }

    public Uni<AlertEntry> approve(String id, String approver) {
        return ask(command(DecisionCommand.Kind.APPROVE, id, null, approver, null)).map(Decision::entry);
    }

    public Uni<AlertEntry> reject(String id, String approver, String reason) {
        return ask(command(DecisionCommand.Kind.REJECT, id, null, approver, reason)).map(Decision::entry);
    }

    /** Asks for every active alert whose every info block has expired to become expired; the decider takes the first ask. */
    public Uni<Void> expireDue() {
        if (!registry.caughtUp()) {
            // Not before the journal is read: what is due is not known yet, and at start the command channel may
            // not be connected.
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now(clock);
        List<Uni<Void>> asks = new ArrayList<>();
        for (AlertEntry e : registry.all()) {
            boolean due = (e.state() == AlertState.ACTIVE || e.state() == AlertState.UPDATED) && e.alert().isExpiredAt(now);
            Instant asked = expiryAsked.get(e.id());
            if (!due) {
                expiryAsked.remove(e.id());
            } else if (asked == null || asked.isBefore(now.minus(timeout))) {
                expiryAsked.put(e.id(), now);
                asks.add(commands.sendMessage(KafkaMessages.keyed(e.id(), command(DecisionCommand.Kind.EXPIRE, e.id(), null, Decisions.SYSTEM, null)))
                        // Not sent (Kafka unreachable, or the channel not yet connected at start): asked again next time.
                        .onFailure().invoke(failure -> {
                            expiryAsked.remove(e.id());
                            LOG.warnf("Could not ask for alert %s to expire; will ask again: %s", e.id(), failure.toString());
                        })
                        .onFailure().recoverWithNull());
            }
        }
        return asks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(asks).andFailFast().replaceWithVoid();
    }

    private Uni<Decision> ask(DecisionCommand command) {
        var answer = decisions.expect(command.commandId());
        return commands.sendMessage(KafkaMessages.keyed(command.alertId(), command))
                .chain(() -> Uni.createFrom().completionStage(answer).ifNoItem().after(timeout).failWith(() -> new NotDecidedYet(
                        "The request is on Kafka and will be decided; GET /api/v1/alerts/" + command.alertId()
                                + " shows the outcome, and sending the same request again is safe.")))
                .map(AlertService::orRefusal)
                .onTermination().invoke(() -> decisions.forget(command.commandId()));
    }

    private static Decision orRefusal(Decision d) {
        return switch (d.status()) {
            case 200, 202 -> d;
            case 422 -> throw new InvalidAlertException(d.violations());
            case 404 -> throw new NotFound(d.detail());
            case 403 -> throw new Forbidden(d.detail());
            default -> throw new Conflict(d.detail());
        };
    }

    private DecisionCommand command(DecisionCommand.Kind kind, String id, Alert alert, String actor, String reason) {
        return new DecisionCommand(UUID.randomUUID().toString(), kind, id, alert, actor, reason, Instant.now(clock));
    }

    /**
     * An Update or Cancel changes alerts of other senders only where the poster may post as them, or where its own
     * sender supervises them (banditore.intake.supervised-senders). A reference names its alert's sender (the alert
     * id is made of it), so this needs no state; the decider checks the rest.
     */
    private void checkReferencedSenders(Alert alert, Predicate<String> mayUseSender) {
        if (alert.msgType() != MsgType.Update && alert.msgType() != MsgType.Cancel) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        for (Reference ref : alert.referencedAlerts()) {
            if (!Senders.same(ref.sender(), alert.sender()) && !mayUseSender.test(ref.sender()) && !supervises(alert.sender(), ref.sender())) {
                violations.add(new Violation("/references", "refers to " + ref.sender() + "," + ref.identifier() + ", an alert of "
                        + ref.sender() + ": you may not post as that sender, and " + alert.sender() + " does not supervise it"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
    }

    private boolean supervises(String supervisor, String sender) {
        return supervised.entrySet().stream().filter(e -> Senders.same(e.getKey(), supervisor))
                .flatMap(e -> e.getValue().stream()).anyMatch(pattern -> Senders.matches(pattern, sender));
    }

    private static Submission repeated(AlertEntry existing, String hash) {
        if (!existing.contentHash().equals(hash)) {
            throw new Conflict("alert " + existing.alert().identifier() + " from " + existing.alert().sender()
                    + " was already accepted with other content; send an Update that references it instead");
        }
        return new Submission(existing, false);
    }

    static String stateName(AlertState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
