package io.banditore.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.banditore.channel.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.smallrye.mutiny.Uni;

/**
 * The providers' rate limits, one token bucket (Bucket4j) per limit key. A send takes one token from every bucket
 * that applies, or none: when one is empty it waits, without blocking a thread, until all can give. Each bucket
 * keeps {@link DispatchConfig#rateHeadroom()} below the provider's limit.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<RateLimit, Bucket> buckets = new ConcurrentHashMap<>();
    private final double headroom;

    @Inject
    public RateLimiter(DispatchConfig config) {
        this(config.rateHeadroom());
    }

    RateLimiter(double headroom) {
        if (headroom < 0 || headroom >= 1) {
            throw new IllegalArgumentException("banditore.dispatch.rate-headroom must be at least 0 and below 1, not " + headroom);
        }
        this.headroom = headroom;
    }

    public Uni<Void> acquire(List<RateLimit> limits) {
        if (limits.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long waitNanos = tryTakeAll(limits);
        if (waitNanos == 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(waitNanos)).chain(() -> acquire(limits));
    }

    /** Takes a token from each bucket when all have one (0), or says how long until the emptiest refills. */
    synchronized long tryTakeAll(List<RateLimit> limits) {
        List<Bucket> wanted = limits.stream().map(this::bucket).toList();
        long wait = 0;
        for (Bucket bucket : wanted) {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                wait = Math.max(wait, Math.max(1, probe.getNanosToWaitForRefill()));
            }
        }
        if (wait == 0) {
            wanted.forEach(b -> b.tryConsume(1));
        }
        return wait;
    }

    private Bucket bucket(RateLimit limit) {
        return buckets.computeIfAbsent(limit, l -> {
            // N per period becomes a burst of floor(N × (1 - headroom)), refilled at N × (1 - headroom) per period.
            long burst = Math.max(1, (long) Math.floor(l.permits() * (1 - headroom)));
            long refillNanos = Math.round(l.period().toNanos() * burst / (l.permits() * (1 - headroom)));
            return Bucket.builder().addLimit(b -> b.capacity(burst).refillGreedy(burst, Duration.ofNanos(refillNanos))).build();
        });
    }
}
