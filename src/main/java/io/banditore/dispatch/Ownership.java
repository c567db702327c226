package io.banditore.dispatch;

import java.util.function.BooleanSupplier;

/**
 * Who carries out a delivery: this dispatcher ({@code owner}), holding the record's partition since consumer-group
 * generation {@code generation}, for as long as {@code held} says so. Every attempt records owner and generation in
 * the delivery's status; a dispatcher that finds a newer generation's attempt, or whose partition was revoked,
 * stops before its next provider call and leaves the delivery to the partition's new owner.
 */
public record Ownership(String owner, int generation, BooleanSupplier held) {

    /** A delivery carried out outside a consumer group (an operator's retry, a test): always held, generation 0. */
    public static Ownership unfenced(String owner) {
        return new Ownership(owner, 0, () -> true);
    }

    public boolean stillHeld() {
        return held.getAsBoolean();
    }
}
