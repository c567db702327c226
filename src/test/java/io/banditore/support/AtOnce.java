package io.banditore.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Requests released at the same instant, each from a thread of its own, to race two decisions. */
public final class AtOnce {

    @SafeVarargs
    public static <T> List<T> together(Supplier<T>... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            CyclicBarrier start = new CyclicBarrier(requests.length);
            List<CompletableFuture<T>> running = new ArrayList<>();
            for (Supplier<T> request : requests) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return request.get();
                }, pool));
            }
            List<T> answers = new ArrayList<>();
            for (CompletableFuture<T> r : running) {
                answers.add(r.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private AtOnce() {
    }
}
