package io.banditore.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class LanesTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void oneLaneKeepsItsOrderWhileAnotherGoesAhead() {
        Lanes lanes = new Lanes("test", 10, metrics);
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> firstOfA = new CompletableFuture<>();

        CompletionStage<Void> a1 = settled(lanes.submit("a", () -> {
            started.add("a1");
            return firstOfA;
        }));
        CompletionStage<Void> a2 = settled(lanes.submit("a", () -> {
            started.add("a2");
            return CompletableFuture.completedFuture(null);
        }));
        CompletionStage<Void> b1 = settled(lanes.submit("b", () -> {
            started.add("b1");
            return CompletableFuture.completedFuture(null);
        }));

        // b is not held up by a; a's second record waits for its first.
        assertThat(started).containsExactly("a1", "b1");
        assertThat(b1.toCompletableFuture()).isDone();
        assertThat(a2.toCompletableFuture()).isNotDone();
        assertThat(lanes.inFlight()).isEqualTo(2);

        firstOfA.complete(null);
        assertThat(started).containsExactly("a1", "b1", "a2");
        assertThat(a1.toCompletableFuture()).isDone();
        assertThat(a2.toCompletableFuture()).isDone();
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void aFailureInALaneDoesNotStopTheRecordsAfterIt() {
        Lanes lanes = new Lanes("test", 10, metrics);
        CompletionStage<Void> failed = settled(lanes.submit("a", () -> CompletableFuture.failedFuture(new IllegalStateException("no"))));
        List<String> started = new CopyOnWriteArrayList<>();
        settled(lanes.submit("a", () -> {
            started.add("a2");
            return CompletableFuture.completedFuture(null);
        }));

        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(started).containsExactly("a2");
    }

    @Test
    void beyondTheLimitANewRecordWaitsForRoom() {
        Lanes lanes = new Lanes("test", 2, metrics);
        CompletableFuture<Void> one = new CompletableFuture<>();
        CompletableFuture<Void> two = new CompletableFuture<>();
        lanes.submit("a", () -> one);
        lanes.submit("b", () -> two);

        CompletionStage<CompletionStage<Void>> third = lanes.submit("c", () -> CompletableFuture.completedFuture(null));

        assertThat(third.toCompletableFuture()).isNotDone();
        two.complete(null);
        assertThat(third.toCompletableFuture()).isDone();
        assertThat(lanes.inFlight()).isEqualTo(1);
        one.complete(null);
        assertThat(lanes.inFlight()).isZero();
        assertThat(metrics.get("banditore.consumer.in.flight").tag("consumer", "test").gauge().value()).isZero();
    }

    private static CompletionStage<Void> settled(CompletionStage<CompletionStage<Void>> submitted) {
        return submitted.toCompletableFuture().join();
    }
}
