package io.banditore.dispatch;

import java.time.Instant;

/** A delivery that failed for good, with the reason; carried by the dead-letter topic, key = delivery id. */
public record DeadLetter(DispatchOrder order, String reason, int attempts, Instant failedAt) {
}
