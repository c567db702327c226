package io.banditore.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the stage after the intake made of an alert, for the alert's view. The intake asks and the routing stage
 * answers (routing.RoutingLedger), so that the intake knows nothing of the stages that come after it.
 */
public interface AlertRouting {

    /** The targets an alert's areas cover and how many deliveries were queued, or that it covers none ({@code unmatched}). */
    interface Outcome {
        List<String> targets();

        int deliveries();

        boolean unmatched();

        Instant routedAt();
    }

    /** What routing made of the alert, or empty before it is routed. */
    Optional<? extends Outcome> routingOf(String alertId);
}
