package io.banditore.dispatch;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.banditore.routing.DispatchOrder;

/** A delivery that failed for good, with the reason; carried by the dead-letter topic, key = delivery id. */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetter(DispatchOrder order, String reason, int attempts, Instant failedAt) {
}
