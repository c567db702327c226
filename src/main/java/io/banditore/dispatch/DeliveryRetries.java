package io.banditore.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.banditore.alert.Alert;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryMetrics;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.intake.AlertEntry;
import io.banditore.intake.AlertRegistry;
import io.banditore.intake.AlertState;
import io.banditore.refusal.Conflict;
import io.banditore.refusal.NotFound;
import io.banditore.routing.DispatchOrder;
import io.banditore.routing.DispatchOrders;
import io.banditore.routing.Fanout;
import io.smallrye.mutiny.Uni;

/**
 * A failed delivery queued again at an operator's request: its dispatch order goes back on the channel's dispatch
 * topic, keyed by target, after a QUEUED status that starts a new round of attempts. Only a FAILED delivery is
 * retried, and only while its alert may still be published: a SENT delivery is never sent again, and a withdrawn,
 * superseded or expired alert never goes out late.
 */
@ApplicationScoped
public class DeliveryRetries {

    private static final Logger LOG = Logger.getLogger(DeliveryRetries.class);
    /** States of an alert that must not reach a town any more. */
    private static final Set<AlertState> WITHDRAWN = EnumSet.of(AlertState.CANCELLED, AlertState.UPDATED, AlertState.EXPIRED,
            AlertState.REJECTED, AlertState.PENDING_APPROVAL);

    private final DeliveryLedger ledger;
    private final AlertRegistry alerts;
    private final TargetDirectory directory;
    private final Fanout fanout;
    private final StatusEvents statuses;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final DispatchOrders dispatch;
    /** Retries being queued right now: a second click on the same delivery is refused, not queued twice. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public DeliveryRetries(DeliveryLedger ledger, AlertRegistry alerts, TargetDirectory directory, Fanout fanout, StatusEvents statuses,
            DeliveryMetrics metrics, Clock clock, DispatchOrders dispatch) {
        this.ledger = ledger;
        this.alerts = alerts;
        this.directory = directory;
        this.fanout = fanout;
        this.statuses = statuses;
        this.metrics = metrics;
        this.clock = clock;
        this.dispatch = dispatch;
    }

    /** Queues a FAILED delivery again; the result is its QUEUED status. */
    public Uni<DeliveryStatus> retry(String deliveryId, String by) {
        DeliveryStatus failed = ledger.find(deliveryId).orElseThrow(() -> NotFound.of("delivery " + deliveryId));
        refuseUnlessRetriable(failed);
        AlertEntry entry = alerts.find(failed.alertId())
                .orElseThrow(() -> new Conflict("the alert " + failed.alertId() + " of this delivery is unknown here"));
        Instant now = Instant.now(clock);
        Alert alert = entry.alert();
        if (WITHDRAWN.contains(entry.state())) {
            throw new Conflict("the alert is " + entry.state().name().toLowerCase().replace('_', '-')
                    + ": it must not reach a town any more, so its delivery is not retried");
        }
        Target target = directory.find(failed.target())
                .orElseThrow(() -> new Conflict("target " + failed.target() + " is no longer in the directory"));
        if (target.account(failed.channel()).isEmpty() || !dispatch.carries(failed.channel())) {
            throw new Conflict("target " + failed.target() + " has no " + failed.channel() + " account any more");
        }
        Optional<String> whyNot = fanout.whyNot(alert, target, now);
        if (whyNot.isPresent()) {
            throw new Conflict("not retried: " + whyNot.get());
        }
        if (inFlight.putIfAbsent(deliveryId, Boolean.TRUE) != null) {
            throw new Conflict("a retry of this delivery is being queued already");
        }
        DispatchOrder order = new DispatchOrder(deliveryId, failed.alertId(), failed.channel(), failed.target(), alert, now,
                fanout.droppedFromArea(alert, target));
        // QUEUED first: the dispatcher must find a new round (attempts from zero), not the FAILED status it would refuse.
        return statuses.record(failed.requeued(now))
                .call(queued -> dispatch.send(order)
                        .onFailure().call(e -> statuses.record(queued.next(DeliveryState.FAILED,
                                "retry could not be queued (" + e.getMessage() + "); " + failed.error(), Instant.now(clock)))
                                .onFailure().recoverWithNull()))
                .invoke(queued -> {
                    metrics.retried(failed.channel(), DeliveryMetrics.BY_OPERATOR);
                    LOG.infof("Delivery %s queued again by %s (it had failed: %s)", deliveryId, by, failed.error());
                })
                .eventually(() -> inFlight.remove(deliveryId));
    }

    private static void refuseUnlessRetriable(DeliveryStatus status) {
        switch (status.status()) {
            case FAILED -> {
            }
            case SENT -> throw new Conflict("delivery " + status.deliveryId() + " was SENT: a sent delivery is never sent again");
            case SKIPPED -> throw new Conflict("delivery " + status.deliveryId() + " was SKIPPED (" + status.error() + "): it is not retried");
            default -> throw new Conflict("delivery " + status.deliveryId() + " is " + status.status()
                    + ": it is being carried out; only a FAILED delivery is retried");
        }
    }
}
