package io.banditore.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Lets one Kafka consumer work on many records side by side, in lanes: records of one lane (a town on a channel, an
 * alert) are handled in the order they came, while a lane that waits (a throttled town, a retry) holds up only
 * itself. At most {@code maxInFlight} records are under way at once; beyond that, taking a new record waits until
 * one settles, so that the consumer reads no faster than the work gets done. Each consumer has its own.
 */
public class Lanes {

    private final int maxInFlight;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param consumer    names the consumer in the gauge banditore.consumer.in.flight{consumer=...}
     * @param maxInFlight records under way at once (at least 1)
     */
    public Lanes(String consumer, int maxInFlight, MeterRegistry metrics) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one record must be allowed in flight for " + consumer + ", not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        Gauge.builder("banditore.consumer.in.flight", this, Lanes::inFlight).tag("consumer", consumer)
                .description("Records being handled or waiting their turn in their lane").register(metrics);
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

    /**
     * Handles a Kafka record in its lane: the result completes once there is room (the consumer may take the next
     * record), and the record is acknowledged when the work has settled, or nacked if it failed. The connector
     * commits offsets only below the oldest record not yet acknowledged, so a crash redelivers what had not settled.
     */
    public CompletionStage<Void> handle(Message<?> record, String lane, Supplier<CompletionStage<Void>> work) {
        return submit(lane, work).thenAccept(settled -> settled.whenComplete((v, e) -> {
            if (e == null) {
                record.ack();
            } else {
                record.nack(e);
            }
        }));
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
