package io.banditore.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertEvents;
import io.banditore.alert.AlertIds;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.directory.Target;
import io.banditore.directory.TargetChanges;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.Lanes;
import io.banditore.kafka.Topics;
import io.banditore.kafka.UnreadableRecords;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Turns each published alert into one dispatch order per target and channel, keyed by target. A redelivered alert
 * is routed again: dispatch orders are idempotent by delivery id, and a delivery already settled is left alone.
 * What came of each alert, including an alert that covers no target, is recorded on routing.v1.
 */
@ApplicationScoped
public class AlertRouter {

    private static final Logger LOG = Logger.getLogger(AlertRouter.class);

    private final AlertEvents events;
    private final Fanout fanout;
    private final DeliveryLedger ledger;
    private final StatusWriter statuses;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final DispatchOrders dispatch;
    private final Lanes lanes;
    private final TargetChanges targetChanges;
    private final RoutingLedger routing;
    private final MutinyEmitter<RoutingOutcome> outcomes;
    /** How long an Update or Cancel waits for the routing of the alerts it references before it goes where they are known to have gone. */
    private final Duration originalWait;

    public AlertRouter(AlertEvents events, Fanout fanout, DeliveryLedger ledger,
            StatusWriter statuses, MeterRegistry metrics, Clock clock, TargetChanges targetChanges, RoutingLedger routing,
            @Channel(Topics.Channels.ROUTING_OUT) MutinyEmitter<RoutingOutcome> outcomes,
            DispatchOrders dispatch,
            RouterConfig config) {
        this.lanes = new Lanes("router", config.maxInFlight(), metrics);
        this.originalWait = config.originalWait();
        this.events = events;
        this.fanout = fanout;
        this.ledger = ledger;
        this.statuses = statuses;
        this.metrics = metrics;
        this.clock = clock;
        this.targetChanges = targetChanges;
        this.routing = routing;
        this.outcomes = outcomes;
        this.dispatch = dispatch;
    }

    /**
     * Routes alerts side by side (a province-wide alert's hundreds of orders do not hold up the next alert), each
     * record acknowledged once all its orders are on Kafka; at most banditore.router.max-in-flight at once.
     */
    @Incoming(Topics.Channels.ALERTS_IN)
    public CompletionStage<Void> onAlert(Message<byte[]> record) {
        return lanes.handle(record, record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> String.valueOf(m.getKey())).orElse(""),
                () -> route(record).subscribeAsCompletionStage());
    }

    Uni<Void> route(Message<byte[]> record) {
        CloudEvent event;
        Alert alert;
        try {
            event = events.read(record.getPayload());
            if (!AlertEvents.TYPE.equals(event.getType())) {
                return Uni.createFrom().voidItem();
            }
            alert = events.alertOf(event);
        } catch (RuntimeException e) {
            // Left for its publisher to fix; the alerts behind it are routed.
            record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(at -> UnreadableRecords.passedOver(metrics, at.getTopic(),
                    at.getPartition(), at.getOffset(), "not a readable alert: " + e.getMessage()));
            metrics.counter("banditore.router.unreadable").increment();
            return Uni.createFrom().voidItem();
        }
        String alertId = event.getId();
        if (!alert.reachesPublicChannels()) {
            LOG.infof("Alert %s is %s: never published on a public channel", alert.identifier(), alert.status());
            return Uni.createFrom().voidItem();
        }
        // The directory's run-time targets and the delivery ledger must be complete, or a town could be missed or a
        // settled delivery queued again.
        return viewsCaughtUp().chain(() -> originalsRouted(alert, Instant.now(clock).plus(originalWait))).chain(() -> routeNow(alertId, alert))
                // Kafka unreachable: keep the alert (unacknowledged) and try again rather than drop a delivery.
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }

    private Uni<Void> routeNow(String alertId, Alert alert) {
        List<Destination> destinations = fanout.destinations(alert);
        Instant now = Instant.now(clock);
        if (destinations.isEmpty()) {
            LOG.warnf("Alert %s (%s) covers no configured target: nothing to publish on any channel", alert.identifier(), alertId);
            return record(new RoutingOutcome(alertId, alert.identifier(), List.of(), 0, true, now))
                    .invoke(() -> metrics.counter("banditore.router.unmatched").increment());
        }
        List<Uni<Void>> work = new ArrayList<>();
        for (Destination destination : destinations) {
            work.add(order(alertId, alert, destination, now));
        }
        List<String> targets = destinations.stream().map(d -> d.target().id()).distinct().toList();
        LOG.infof("Alert %s routed to %d target(s), %d deliveries", alert.identifier(), targets.size(), work.size());
        RoutingOutcome outcome = new RoutingOutcome(alertId, alert.identifier(), targets, work.size(), false, now);
        return Uni.join().all(work).andFailFast().chain(() -> record(outcome));
    }

    private Uni<Void> record(RoutingOutcome outcome) {
        return outcomes.sendMessage(KafkaMessages.keyed(outcome.alertId(), outcome)).invoke(() -> routing.apply(outcome));
    }

    private Uni<Void> viewsCaughtUp() {
        if (targetChanges.caughtUp() && ledger.caughtUp()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200)).chain(this::viewsCaughtUp);
    }

    /**
     * An Update or Cancel goes where the alerts it references went, so it waits until their routing is complete:
     * their outcome recorded and each of its deliveries in the ledger. Published on other keys, they may be routed
     * after it; without this wait it would reach some of their towns, or none.
     */
    private Uni<Void> originalsRouted(Alert alert, Instant deadline) {
        List<String> pending = alert.referencedAlerts().stream().map(r -> AlertIds.of(r.sender(), r.identifier()))
                .filter(id -> !routingComplete(id)).toList();
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!Instant.now(clock).isBefore(deadline)) {
            LOG.warnf("Alert %s: the routing of %s is still not known after %s; routed where those are known to have gone",
                    alert.identifier(), pending, originalWait);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100)).chain(() -> originalsRouted(alert, deadline));
    }

    private boolean routingComplete(String alertId) {
        Optional<RoutingOutcome> outcome = routing.find(alertId);
        return outcome.isPresent() && ledger.ofAlert(alertId).size() >= outcome.get().deliveries();
    }

    private Uni<Void> order(String alertId, Alert alert, Destination destination, Instant now) {
        Target target = destination.target();
        String channel = destination.channel();
        String deliveryId = DeliveryIds.of(alertId, channel, target.id());
        Optional<DeliveryStatus> known = ledger.find(deliveryId);
        if (known.isPresent() && known.get().status().isFinal()) {
            return Uni.createFrom().voidItem();
        }
        DeliveryStatus queued = DeliveryStatus.queued(deliveryId, alertId, alert.identifier(), channel, target.id(), now);
        Optional<String> skip = fanout.whyNot(alert, target, now);
        if (skip.isPresent()) {
            return statuses.record(queued.next(DeliveryState.SKIPPED, skip.get(), now)).replaceWithVoid();
        }
        DispatchOrder order = new DispatchOrder(deliveryId, alertId, channel, target.id(), alert, now, destination.droppedFromArea());
        Uni<Void> sent = Uni.createFrom().deferred(() -> dispatch.send(order));
        // QUEUED before the order: a dispatcher that takes the order at once never records SENDING ahead of it, and an
        // order that fails to go is sent again when the alert is routed again (the delivery is known, not settled).
        return known.isPresent() ? sent : statuses.record(queued).chain(() -> sent);
    }
}
