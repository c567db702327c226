package io.banditore.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What on-call monitoring watches about deliveries, counted by the replica that makes each transition (so that
 * a sum over replicas counts each once). Histograms have buckets for Prometheus to compute percentiles from.
 */
@ApplicationScoped
public class DeliveryMetrics {

    /** Who asked for a new attempt: the provider's answer (429, 5xx, timeout) or an operator. */
    public static final String BY_PROVIDER = "provider";
    public static final String BY_OPERATOR = "operator";

    private static final Duration[] LATENCY_BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1) };

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A delivery accepted by its provider (every part): how long after the alert's sent time. */
    public void delivered(String channel, Duration sinceAlertSent) {
        record("banditore.delivery.latency", "Time from the alert's sent time to the provider accepting the delivery", channel,
                Duration.ofMillis(100), sinceAlertSent);
    }

    /** A queued delivery taken up by its dispatcher: how long it waited in the channel's dispatch topic and lane. */
    public void dispatched(String channel, Duration queued) {
        record("banditore.dispatch.lag", "Time from a delivery being queued to its first provider call (dispatch topic and town lane)",
                channel, Duration.ofMillis(10), queued);
    }

    /** A new attempt: after a provider's temporary refusal, or asked for by an operator after a failure. */
    public void retried(String channel, String by) {
        Counter.builder("banditore.delivery.retries")
                .description("New attempts at a delivery, by who asked for them")
                .tag("channel", channel)
                .tag("by", by)
                .register(registry)
                .increment();
    }

    /** A per-channel timer with the same buckets as the others; a negative span (clocks apart) counts as zero. */
    private void record(String name, String description, String channel, Duration shortest, Duration span) {
        Timer.builder(name)
                .description(description)
                .tag("channel", channel)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(shortest)
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(span.isNegative() ? Duration.ZERO : span);
    }
}
