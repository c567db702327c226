package io.banditore.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs deliveries side by side, one lane per channel and town: the deliveries of one town on one channel go in the
 * order they came (an Update never overtakes its Alert), while a town that is throttled or retrying holds up only
 * its own lane. At most {@code banditore.dispatch.max-in-flight} deliveries run at once; beyond that, taking a new
 * record waits until one settles, so that the consumer reads no faster than the providers take.
 */
@ApplicationScoped
public class DispatchLanes {

    private final int maxInFlight;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int inFlight;

    public DispatchLanes(DispatchConfig config, MeterRegistry metrics) {
        int maxInFlight = config.maxInFlight();
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("banditore.dispatch.max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        Gauge.builder("banditore.dispatch.in.flight", this, DispatchLanes::inFlight)
                .description("Deliveries being carried out or waiting their turn in their town's lane").register(metrics);
    }

    /**
     * Queues {@code work} in its lane. The first stage completes once the work has room to run (the caller may then
     * take the next record); the second, held in the result, completes when the work has settled.
     */
    public CompletionStage<CompletionStage<Void>> submit(String lane, Supplier<CompletionStage<Void>> work) {
        return room().thenApply(ignored -> {
            CompletableFuture<Void> done;
            synchronized (this) {
                CompletableFuture<Void> previous = tails.getOrDefault(lane, CompletableFuture.completedFuture(null));
                done = previous.handle((v, e) -> null).thenCompose(v -> work.get()).toCompletableFuture();
                tails.put(lane, done);
            }
            done.whenComplete((v, e) -> settled(lane, done));
            return done;
        });
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private synchronized CompletableFuture<Void> room() {
        if (inFlight < maxInFlight) {
            inFlight++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waitingForRoom.add(turn);
        return turn;
    }

    private void settled(String lane, CompletableFuture<Void> done) {
        CompletableFuture<Void> next;
        synchronized (this) {
            tails.remove(lane, done);
            next = waitingForRoom.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.complete(null); // the slot passes straight to the oldest waiter
        }
    }
}
