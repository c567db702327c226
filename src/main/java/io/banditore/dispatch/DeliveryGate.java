package io.banditore.dispatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.Part;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.intake.AlertEntry;
import io.banditore.intake.AlertRegistry;
import io.banditore.routing.DispatchOrder;

/**
 * What every delivery checks immediately before each provider call (first try, retry, after a rate-limit wait,
 * before each part, after a video is rendered): that this dispatcher still owns it, that its alert is still current
 * (not cancelled, superseded, rejected, expired) and that the part about to go has not expired. One place, so that
 * no stage that posts is blind to what happened since the delivery started.
 */
@ApplicationScoped
public class DeliveryGate {

    /** Why a delivery stops here; {@code handOver}: it is another dispatcher's now, and nothing is recorded for it. */
    public record Stop(String reason, boolean handOver) {
    }

    private final AlertRegistry alerts;
    private final DeliveryLedger ledger;
    private final DispatchConfig config;

    public DeliveryGate(AlertRegistry alerts, DeliveryLedger ledger, DispatchConfig config) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.config = config;
    }

    /** Why this part of this delivery must not be sent now, or empty when it may; {@code part} null: the alert only. */
    public Optional<Stop> check(DispatchOrder order, Part part, Ownership owner, Instant now) {
        if (!owner.stillHeld()) {
            return Optional.of(new Stop("its partition was revoked: the delivery is left to the partition's new owner", true));
        }
        Optional<DeliveryStatus> latest = ledger.find(order.deliveryId());
        if (latest.isPresent() && newerOwner(latest.get(), owner) && latest.get().updatedAt().plus(config.ownershipLease()).isAfter(now)) {
            return Optional.of(new Stop("taken over by " + latest.get().owner() + " (generation " + latest.get().generation() + ")", true));
        }
        return whyNotCurrent(order, part, now).map(reason -> new Stop(reason, false));
    }

    /**
     * Another dispatcher of a newer consumer-group generation has made an attempt: it wins (while its attempt is
     * recent: a group recreated from scratch starts its generations again).
     */
    static boolean newerOwner(DeliveryStatus status, Ownership owner) {
        return status.owner() != null && status.generation() != null && !status.owner().equals(owner.owner())
                && status.generation() > owner.generation();
    }

    /** The alert's lifecycle and the part's expiry: cancelled by, superseded by, rejected, expired at. */
    Optional<String> whyNotCurrent(DispatchOrder order, Part part, Instant now) {
        Optional<AlertEntry> entry = alerts.find(order.alertId());
        if (entry.isPresent()) {
            switch (entry.get().state()) {
                case CANCELLED:
                    return Optional.of(DeliveryStatus.CANCELLED_BY + successor(entry.get()).orElse("a later Cancel"));
                case UPDATED:
                    return Optional.of(DeliveryStatus.SUPERSEDED_BY + successor(entry.get()).orElse("a later Update"));
                case REJECTED:
                    return Optional.of("rejected" + (entry.get().decidedBy() == null ? "" : " by " + entry.get().decidedBy()));
                case EXPIRED:
                    return Optional.of("expired at " + expiry(order.alert()).map(Instant::toString).orElse(String.valueOf(entry.get().decidedAt())));
                default:
                    break;
            }
        }
        if (part != null && part.expiredAt(now)) {
            return Optional.of("expired at " + part.expires());
        }
        if (order.alert().isExpiredAt(now)) {
            return Optional.of("expired at " + expiry(order.alert()).map(Instant::toString).orElse(now.toString()));
        }
        return Optional.empty();
    }

    /** When nothing of the alert is valid any more: its latest expiry. */
    static Optional<Instant> expiry(Alert alert) {
        return alert.info().stream().map(Info::expires).filter(Objects::nonNull).map(OffsetDateTime::toInstant).max(Instant::compareTo);
    }

    /** The Cancel or Update that withdrew or superseded the alert, named by its identifier, as the intake recorded it. */
    private Optional<String> successor(AlertEntry entry) {
        return Optional.ofNullable(entry.supersededBy()).flatMap(alerts::find).map(e -> e.alert().identifier());
    }
}
