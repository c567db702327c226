package io.banditore.routing;

import io.banditore.delivery.DeliveryStatus;
import io.smallrye.mutiny.Uni;

/**
 * Where the router records the deliveries it makes: QUEUED before each order, SKIPPED for a town that is not to get
 * the alert. Routing owns it so that it need not import dispatch, which carries the orders out and implements it
 * with the status events every other transition goes through (deliveries.v1).
 */
public interface StatusWriter {

    /** Records a transition; it counts once Kafka has acknowledged it. */
    Uni<DeliveryStatus> record(DeliveryStatus transition);
}
