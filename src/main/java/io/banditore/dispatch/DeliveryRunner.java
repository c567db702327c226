package io.banditore.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.banditore.alert.Alert;
import io.banditore.alert.Reference;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryMetrics;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.intake.AlertIds;
import io.banditore.routing.ChannelAccount;
import io.banditore.routing.Target;
import io.banditore.routing.TargetChanges;
import io.banditore.routing.TargetDirectory;
import io.smallrye.mutiny.Uni;

/**
 * Carries out one dispatch order on its channel: every part in order, each status recorded before and after the
 * provider call, so that a redelivered order resumes after the last part the provider accepted and a delivery
 * already SENT is never sent again.
 */
@ApplicationScoped
public class DeliveryRunner {

    private static final Logger LOG = Logger.getLogger(DeliveryRunner.class);

    private final DeliveryLedger ledger;
    private final StatusEvents statuses;
    private final TargetDirectory directory;
    private final DispatchConfig config;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final TargetChanges targetChanges;
    private final DeliveryMetrics metrics;

    public DeliveryRunner(DeliveryLedger ledger, StatusEvents statuses, TargetDirectory directory, DispatchConfig config,
            RateLimiter rateLimiter, Clock clock, TargetChanges targetChanges, DeliveryMetrics metrics) {
        this.targetChanges = targetChanges;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
        this.statuses = statuses;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    /** The parts of one delivery and where they go. */
    private record Job(DispatchOrder order, ChannelPublisher channel, Target target, ChannelAccount account, List<String> parts, String replyTo) {
    }

    public Uni<Void> run(DispatchOrder order, ChannelPublisher channel) {
        // After a restart the ledger must be complete before it is trusted to say what was SENT, and the directory
        // before a town added at run time is looked up.
        if (!ledger.caughtUp() || !targetChanges.caughtUp()) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200)).chain(() -> run(order, channel));
        }
        DeliveryStatus current = ledger.find(order.deliveryId()).orElseGet(() -> DeliveryStatus.queued(order.deliveryId(),
                order.alertId(), order.alert().identifier(), order.channel(), order.target(), order.queuedAt()));
        if (current.status() == DeliveryState.SENT || current.status() == DeliveryState.SKIPPED) {
            LOG.debugf("Delivery %s is already %s; not sent again", order.deliveryId(), current.status());
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now(clock);
        if (order.alert().isExpiredAt(now)) {
            return statuses.record(current.next(DeliveryState.SKIPPED, "expired: the alert's validity ended before it could be sent", now)).replaceWithVoid();
        }
        Target target = directory.find(order.target()).orElse(null);
        ChannelAccount account = target == null ? null : target.channels().get(channel.name());
        if (account == null) {
            return fail(order, current, "target " + order.target() + " has no " + channel.name() + " account in the directory");
        }
        List<String> parts;
        try {
            parts = channel.render(order.alert(), target);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Delivery %s could not be rendered", order.deliveryId());
            return fail(order, current, "could not render the alert for " + channel.name() + ": " + e.getMessage());
        }
        if (parts.isEmpty()) {
            return statuses.record(current.next(DeliveryState.SKIPPED, "nothing to publish on " + channel.name(), now)).replaceWithVoid();
        }
        return attempt(new Job(order, channel, target, account, parts, original(order.alert(), channel.name(), target.id())), current);
    }

    private Uni<Void> attempt(Job job, DeliveryStatus status) {
        if (status.partAttempts() >= config.maxAttempts()) {
            return fail(job.order(), status, "gave up after " + status.partAttempts() + " attempts: " + status.error());
        }
        int part = status.partsSent();
        if (part >= job.parts().size()) {
            return statuses.record(status.next(DeliveryState.SENT, null, Instant.now(clock))).invoke(sent -> delivered(job, sent)).replaceWithVoid();
        }
        if (status.status() == DeliveryState.QUEUED) {
            metrics.dispatched(job.channel().name(), Duration.between(status.updatedAt(), Instant.now(clock)));
        }
        String replyTo = part == 0 ? job.replyTo() : status.providerMessageIds().get(part - 1);
        SendRequest request = new SendRequest(job.order().alertId(), job.order().alert(), job.target(), job.account(), part + 1,
                job.parts().size(), job.parts().get(part), replyTo);
        // The provider's pace first: a throttled chat waits here, on a timer, holding no thread and no other town.
        return rateLimiter.acquire(job.channel().limits(request))
                .chain(() -> statuses.record(status.attempt(job.parts().size(), Instant.now(clock))))
                .chain(sending -> job.channel().send(request)
                        .onFailure().recoverWithItem(e -> new SendOutcome.RetryLater(Duration.ZERO, "no answer from " + job.channel().name() + ": " + e))
                        .chain(outcome -> settle(job, sending, outcome)));
    }

    private Uni<Void> settle(Job job, DeliveryStatus sending, SendOutcome outcome) {
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
        LOG.infof("Delivery %s: %s; retrying in %s", job.order().deliveryId(), retry.reason(), wait);
        return statuses.record(sending.next(DeliveryState.RETRYING, retry.reason(), now))
                .invoke(() -> metrics.retried(job.channel().name(), DeliveryMetrics.BY_PROVIDER))
                .chain(retrying -> Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> attempt(job, retrying)));
    }

    private void delivered(Job job, DeliveryStatus sent) {
        if (job.order().alert().sent() != null) {
            metrics.delivered(job.channel().name(), Duration.between(job.order().alert().sent().toInstant(), sent.updatedAt()));
        }
    }

    private Uni<Void> fail(DispatchOrder order, DeliveryStatus status, String reason) {
        LOG.warnf("Delivery %s failed: %s", order.deliveryId(), reason);
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

    /** For an Update or Cancel: the provider id of the referenced alert's first message here, to reply to. */
    private String original(Alert alert, String channel, String target) {
        for (Reference ref : alert.referencedAlerts()) {
            var sent = ledger.find(DeliveryIds.of(AlertIds.of(ref.sender(), ref.identifier()), channel, target));
            if (sent.isPresent() && sent.get().providerMessageId() != null) {
                return sent.get().providerMessageId();
            }
        }
        return null;
    }
}
