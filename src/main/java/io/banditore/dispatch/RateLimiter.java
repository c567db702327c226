package io.banditore.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.smallrye.mutiny.Uni;

/**
 * The providers' rate limits, one token bucket (Bucket4j) per limit key. A send takes one token from every bucket
 * that applies, or none: when one is empty it waits, without blocking a thread, until all can give.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<RateLimit, Bucket> buckets = new ConcurrentHashMap<>();

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
    private synchronized long tryTakeAll(List<RateLimit> limits) {
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
        return buckets.computeIfAbsent(limit, l -> Bucket.builder()
                .addLimit(b -> b.capacity(l.permits()).refillGreedy(l.permits(), l.period()))
                .build());
    }
}
