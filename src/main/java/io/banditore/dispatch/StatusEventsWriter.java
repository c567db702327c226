package io.banditore.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.delivery.DeliveryStatus;
import io.banditore.routing.StatusWriter;
import io.smallrye.mutiny.Uni;

/** The router's QUEUED and SKIPPED go through StatusEvents, like every other delivery transition. */
@ApplicationScoped
public class StatusEventsWriter implements StatusWriter {

    private final StatusEvents statuses;

    public StatusEventsWriter(StatusEvents statuses) {
        this.statuses = statuses;
    }

    @Override
    public Uni<DeliveryStatus> record(DeliveryStatus transition) {
        return statuses.record(transition);
    }
}
