package io.banditore.routing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.banditore.alert.Alert;

/**
 * One delivery to make: this alert, on this channel, for this target. Made by the router (AlertRouter) and carried
 * by the channel's dispatch topic to its dispatcher, key = target. {@code droppedFromArea}: the alert is an Update
 * whose area no longer covers the target, which got the alert it updates; the target is told that the alert no
 * longer concerns it.
 */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchOrder(String deliveryId, String alertId, String channel, String target, Alert alert, Instant queuedAt,
        boolean droppedFromArea) {

    public DispatchOrder(String deliveryId, String alertId, String channel, String target, Alert alert, Instant queuedAt) {
        this(deliveryId, alertId, channel, target, alert, queuedAt, false);
    }
}
