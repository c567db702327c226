package io.banditore.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.Part;
import io.banditore.channel.PendingPost;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.TransportFault;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryMetrics;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Target;
import io.banditore.directory.TargetChanges;
import io.banditore.directory.TargetDirectory;
import io.banditore.intake.AlertRegistry;
import io.banditore.routing.DeliveryIds;
import io.banditore.routing.DispatchOrder;
import io.smallrye.mutiny.Uni;

/**
 * Carries out one dispatch order on its channel: every part in order, each status recorded before and after the
 * provider call, so that a redelivered order resumes after the last part the provider accepted and a delivery
 * already SENT is never sent again. Before every provider call the {@link DeliveryGate} has the last word.
 */
@ApplicationScoped
public class DeliveryRunner {

    private static final Logger LOG = Logger.getLogger(DeliveryRunner.class);
    /** A wait is cut into ticks of at most this, so that a cancel or a revoked partition ends it within a tick. */
    private static final Duration TICK = Duration.ofMillis(500);

    private final DeliveryLedger ledger;
    private final StatusEvents statuses;
    private final TargetDirectory directory;
    private final DispatchConfig config;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final TargetChanges targetChanges;
    private final DeliveryMetrics metrics;
    private final AlertRegistry alerts;
    private final DeliveryGate gate;
    private final Credentials credentials;

    public DeliveryRunner(DeliveryLedger ledger, StatusEvents statuses, TargetDirectory directory, DispatchConfig config,
            RateLimiter rateLimiter, Clock clock, TargetChanges targetChanges, DeliveryMetrics metrics, AlertRegistry alerts,
            DeliveryGate gate, Credentials credentials) {
        this.alerts = alerts;
        this.targetChanges = targetChanges;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
        this.statuses = statuses;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
        this.gate = gate;
        this.credentials = credentials;
    }

    /** The parts of one delivery, where they go, and who carries it out. */
    private record Job(DispatchOrder order, ChannelPublisher channel, Target target, ChannelAccount account, List<Part> parts, String replyTo,
            Ownership owner) {
    }

    /** Carries out an order outside a consumer group (nothing fences it). */
    public Uni<Void> run(DispatchOrder order, ChannelPublisher channel) {
        return run(order, channel, Ownership.unfenced("local"));
    }

    public Uni<Void> run(DispatchOrder order, ChannelPublisher channel, Ownership owner) {
        // After a restart the ledger must be complete before it is trusted to say what was SENT, and the directory
        // before a town added at run time is looked up.
        if (!ledger.caughtUp() || !targetChanges.caughtUp()) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200)).chain(() -> run(order, channel, owner));
        }
        DeliveryStatus current = ledger.find(order.deliveryId()).orElseGet(() -> DeliveryStatus.queued(order.deliveryId(),
                order.alertId(), order.alert().identifier(), order.channel(), order.target(), order.queuedAt()));
        if (current.status() == DeliveryState.SENT || current.status() == DeliveryState.SKIPPED) {
            LOG.debugf("Delivery %s is already %s; not sent again", order.deliveryId(), current.status());
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now(clock);
        if (mayStillBeSending(current, owner, now)) {
            // Another dispatcher (the partition's owner before a rebalance) may be in a provider call for it: its
            // answer, or the time a call can take, decides; never a second call meanwhile.
            return Uni.createFrom().voidItem().onItem().delayIt().by(TICK).chain(() -> run(order, channel, owner));
        }
        Optional<DeliveryGate.Stop> stop = gate.check(order, null, owner, now);
        if (stop.isPresent()) {
            return stopped(order, current, stop.get());
        }
        Target target = directory.find(order.target()).orElse(null);
        ChannelAccount account = target == null ? null : target.account(channel.name()).orElse(null);
        if (account == null) {
            return fail(order, current, "target " + order.target() + " has no " + channel.name() + " account in the directory");
        }
        Optional<String> original = original(order, channel.name());
        if (original.isEmpty()) {
            return statuses.record(current.next(DeliveryState.SKIPPED, "nothing to withdraw: the alert it " + (order.alert().msgType() == MsgType.Cancel
                    ? "cancels" : "updates") + " was never posted on " + channel.name() + " for " + order.target(), now)).replaceWithVoid();
        }
        List<Part> parts;
        try {
            parts = channel.render(new RenderRequest(order.alert(), alerts.referencedBy(order.alert()), target, order.droppedFromArea(), now));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Delivery %s could not be rendered", order.deliveryId());
            return fail(order, current, "could not render the alert for " + channel.name() + " (" + e.getClass().getSimpleName() + ")");
        }
        if (parts.isEmpty()) {
            return statuses.record(current.next(DeliveryState.SKIPPED, "nothing to publish on " + channel.name(), now)).replaceWithVoid();
        }
        return attempt(new Job(order, channel, target, account, parts, original.get().isEmpty() ? null : original.get(), owner), current);
    }

    private Uni<Void> attempt(Job job, DeliveryStatus status) {
        if (status.partAttempts() >= config.maxAttempts()) {
            return fail(job.order(), status, "gave up after " + status.partAttempts() + " attempts: " + status.error());
        }
        int index = status.partsSent();
        if (index >= job.parts().size()) {
            return statuses.record(status.next(DeliveryState.SENT, null, Instant.now(clock))).invoke(sent -> delivered(job, sent)).replaceWithVoid();
        }
        Part part = job.parts().get(index);
        String replyTo = index == 0 ? job.replyTo() : Optional.ofNullable(status.lastMessageIdBefore(index)).orElse(job.replyTo());
        AtomicReference<DeliveryGate.Stop> stoppedBy = new AtomicReference<>();
        // The newest status of this attempt: SENDING, then the provider's pending id when the channel reports one.
        AtomicReference<DeliveryStatus> latest = new AtomicReference<>(status);
        // This attempt's own key: what the provider fetches for its post is served only once the key is recorded.
        String nonce = UUID.randomUUID().toString();
        PendingPost pending = new PendingPost() {
            @Override
            public String earlier() {
                return status.pendingId();
            }

            @Override
            public String nonce() {
                return nonce;
            }

            @Override
            public Uni<Void> taken(String providerId) {
                return statuses.record(latest.get().pending(providerId, nonce, Instant.now(clock))).invoke(latest::set).replaceWithVoid();
            }
        };
        SendRequest request = new SendRequest(job.order().alertId(), job.order().alert(), job.target(), job.account(), index + 1,
                job.parts().size(), part.text(), replyTo, () -> {
                    Optional<DeliveryGate.Stop> stop = gate.check(job.order(), part, job.owner(), Instant.now(clock));
                    stop.ifPresent(stoppedBy::set);
                    return stop.map(DeliveryGate.Stop::reason);
                }, pending);
        // The provider's pace first: a throttled chat waits here, on a timer, holding no thread and no other town.
        return rateLimiter.acquire(job.channel().limits(request))
                .chain(() -> {
                    Optional<DeliveryGate.Stop> before = gate.check(job.order(), part, job.owner(), Instant.now(clock));
                    if (before.isPresent()) {
                        return stopped(job.order(), status, before.get());
                    }
                    if (status.status() == DeliveryState.QUEUED) {
                        metrics.dispatched(job.channel().name(), Duration.between(status.updatedAt(), Instant.now(clock)));
                    }
                    return statuses.record(status.attempt(job.parts().size(), job.owner().owner(), job.owner().generation(), Instant.now(clock)))
                            .chain(sending -> {
                                // Recording took a round trip to Kafka: the last word is spoken right before the call.
                                Optional<DeliveryGate.Stop> last = gate.check(job.order(), part, job.owner(), Instant.now(clock));
                                if (last.isPresent()) {
                                    return stopped(job.order(), sending, last.get());
                                }
                                latest.set(sending);
                                return job.channel().send(request)
                                        .onFailure().recoverWithItem(e -> {
                                            LOG.debugf("Delivery %s: %s", job.order().deliveryId(), credentials.redact(String.valueOf(e)));
                                            return new SendOutcome.RetryLater(Duration.ZERO, TransportFault.describe(job.channel().name(), e));
                                        })
                                        .chain(outcome -> settle(job, latest.get(), outcome, stoppedBy.get()));
                            });
                });
    }

    private Uni<Void> settle(Job job, DeliveryStatus sending, SendOutcome outcome, DeliveryGate.Stop stoppedBy) {
        Instant now = Instant.now(clock);
        if (outcome instanceof SendOutcome.Sent sent) {
            // The provider has the part: if Kafka does not take its record, try the record again, never the send
            // (a delivery run again from the top would post it a second time).
            return statuses.record(sending.partSent(sent.messageId(), sent.url(), sent.note(), now))
                    .onFailure().invoke(e -> LOG.warnf("Delivery %s: part %d accepted, its record not yet on Kafka (%s); recording it again",
                            job.order().deliveryId(), sending.partsSent() + 1, e.toString()))
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                    .chain(next -> {
                        if (next.status() == DeliveryState.SENT) {
                            delivered(job, next);
                            return Uni.createFrom().voidItem();
                        }
                        return attempt(job, next);
                    });
        }
        if (outcome instanceof SendOutcome.Skipped skipped) {
            if (stoppedBy != null) {
                // The channel asked at its last moment (after rendering a video) and was told to stop.
                return stopped(job.order(), sending, stoppedBy);
            }
            return statuses.record(sending.next(DeliveryState.SKIPPED, skipped.reason(), now)).replaceWithVoid();
        }
        if (outcome instanceof SendOutcome.Failed failed) {
            return fail(job.order(), sending, failed.reason());
        }
        SendOutcome.RetryLater retry = (SendOutcome.RetryLater) outcome;
        if (sending.partAttempts() >= config.maxAttempts()) {
            return fail(job.order(), sending, "gave up after " + sending.partAttempts() + " attempts: " + retry.reason());
        }
        Duration wait = max(retry.after(), backoff(sending.partAttempts()));
        Part part = job.parts().get(sending.partsSent());
        Instant resume = now.plus(wait);
        Optional<String> tooLate = gate.whyNotCurrent(job.order(), part, resume);
        if (tooLate.isPresent() && tooLate.get().startsWith("expired")) {
            // A wait never outlives the alert: what could only go after its expiry is skipped now.
            return statuses.record(sending.next(DeliveryState.SKIPPED, tooLate.get() + ", before the provider would take it ("
                    + retry.reason() + ")", now)).replaceWithVoid();
        }
        LOG.infof("Delivery %s: %s; retrying in %s", job.order().deliveryId(), retry.reason(), wait);
        return statuses.record(sending.next(DeliveryState.RETRYING, retry.reason(), now))
                .invoke(() -> metrics.retried(job.channel().name(), DeliveryMetrics.BY_PROVIDER))
                .chain(retrying -> waitThenAttempt(job, retrying, part, resume));
    }

    /** Waits until {@code resume} in ticks, stopping at once when the alert is withdrawn or the delivery is another's. */
    private Uni<Void> waitThenAttempt(Job job, DeliveryStatus retrying, Part part, Instant resume) {
        Instant now = Instant.now(clock);
        Optional<DeliveryGate.Stop> stop = gate.check(job.order(), part, job.owner(), now);
        if (stop.isPresent()) {
            return stopped(job.order(), retrying, stop.get());
        }
        Duration left = Duration.between(now, resume);
        if (left.isNegative() || left.isZero()) {
            return attempt(job, retrying);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(left.compareTo(TICK) < 0 ? left : TICK)
                .chain(() -> waitThenAttempt(job, retrying, part, resume));
    }

    /** SKIPPED with the reason; or, when the delivery is another dispatcher's now, nothing recorded at all. */
    private Uni<Void> stopped(DispatchOrder order, DeliveryStatus status, DeliveryGate.Stop stop) {
        if (stop.handOver()) {
            LOG.infof("Delivery %s stops here: %s", order.deliveryId(), stop.reason());
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Delivery %s skipped: %s", order.deliveryId(), stop.reason());
        return statuses.record(status.next(DeliveryState.SKIPPED, stop.reason(), Instant.now(clock))).replaceWithVoid();
    }

    /** Its last status is another dispatcher's SENDING, recent enough that the call may still be under way. */
    private boolean mayStillBeSending(DeliveryStatus current, Ownership owner, Instant now) {
        return current.status() == DeliveryState.SENDING && current.owner() != null && !current.owner().equals(owner.owner())
                && !DeliveryGate.newerOwner(current, owner) && current.updatedAt().plus(config.takeoverGrace()).isAfter(now);
    }

    private void delivered(Job job, DeliveryStatus sent) {
        if (job.order().alert().sent() != null) {
            metrics.delivered(job.channel().name(), Duration.between(job.order().alert().sent().toInstant(), sent.updatedAt()));
        }
    }

    private Uni<Void> fail(DispatchOrder order, DeliveryStatus status, String reason) {
        LOG.warnf("Delivery %s failed: %s", order.deliveryId(), credentials.redact(reason));
        return statuses.record(status.next(DeliveryState.FAILED, reason, Instant.now(clock)))
                .chain(failed -> statuses.deadLetter(new DeadLetter(order, reason, failed.attempts(), failed.updatedAt())));
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, ±20 %. */
    private Duration backoff(int attempt) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(0, capped + jitter));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * What an Update or Cancel follows on this channel for this target: the provider id of the referenced alert's
     * first message, to reply to ("" where the provider gave none, or where there is nothing to follow: a plain
     * alert, a town an Update adds, an Update whose original was withdrawn here before it was posted). Empty when
     * there is nothing to withdraw: a Cancel, or an Update for a town it dropped, where the original was never posted.
     */
    private Optional<String> original(DispatchOrder order, String channel) {
        List<Reference> refs = order.alert().referencedAlerts();
        if (refs.isEmpty()) {
            return Optional.of("");
        }
        boolean routedHere = false;
        for (Reference ref : refs) {
            Optional<DeliveryStatus> earlier = ledger.find(DeliveryIds.of(AlertIds.of(ref.sender(), ref.identifier()), channel, order.target()));
            if (earlier.isEmpty()) {
                continue;
            }
            routedHere = true;
            // A post the provider took and had not confirmed counts as posted: withdrawing what may be there is the safe side.
            if (earlier.get().partsSent() > 0 || earlier.get().pendingId() != null) {
                return Optional.of(Optional.ofNullable(earlier.get().providerMessageId()).orElse(""));
            }
        }
        boolean withdraws = order.alert().msgType() == MsgType.Cancel || order.droppedFromArea();
        return routedHere && withdraws ? Optional.empty() : Optional.of("");
    }
}
