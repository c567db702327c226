package io.banditore.dispatch;

import java.time.Instant;

import io.banditore.alert.Alert;

/** One delivery to make: this alert, on this channel, for this target. Carried by the channel's dispatch topic, key = target. */
public record DispatchOrder(String deliveryId, String alertId, String channel, String target, Alert alert, Instant queuedAt) {
}
