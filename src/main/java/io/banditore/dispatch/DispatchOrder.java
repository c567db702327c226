package io.banditore.dispatch;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.banditore.alert.Alert;

/** One delivery to make: this alert, on this channel, for this target. Carried by the channel's dispatch topic, key = target. */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchOrder(String deliveryId, String alertId, String channel, String target, Alert alert, Instant queuedAt) {
}
