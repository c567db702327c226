package io.banditore.channel.pigeon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The pigeons' provider: every message a loft took, and how many it will turn away next. */
public final class Loft {

    /** One message a loft took: the loft, the text, and the provider id it was given. */
    public record Received(String loft, String text, String id) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REFUSALS = new AtomicInteger();

    /** The messages the loft took, in order. */
    public static List<Received> received(String loft) {
        return RECEIVED.stream().filter(r -> r.loft().equals(loft)).toList();
    }

    /** The next {@code count} messages are turned away for good (a provider's permanent refusal). */
    public static void refuseNext(int count) {
        REFUSALS.set(count);
    }

    static boolean refuses() {
        return REFUSALS.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    static String take(String loft, String text) {
        String id = "pigeon-" + (RECEIVED.size() + 1);
        RECEIVED.add(new Received(loft, text, id));
        return id;
    }

    private Loft() {
    }
}
