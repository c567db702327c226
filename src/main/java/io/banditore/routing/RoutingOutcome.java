package io.banditore.routing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.banditore.intake.AlertRouting;

/**
 * What the router made of an alert: the targets its areas cover and how many deliveries it queued, or that it covers
 * no target at all ({@code unmatched}), which on-call staff must see. Carried by routing.v1, key = alert id.
 */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingOutcome(String alertId, String identifier, List<String> targets, int deliveries, boolean unmatched, Instant routedAt)
        implements AlertRouting.Outcome {

    public RoutingOutcome {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
