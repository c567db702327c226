package io.banditore.channel;

import java.time.Instant;
import java.util.List;

/**
 * One message of a delivery: its text, and the instant after which it must not be sent (the earliest expiry of the
 * info blocks it carries), or null when nothing in it expires. The dispatcher checks it before every provider call.
 */
public record Part(String text, Instant expires) {

    /** Texts that all carry the same info blocks, hence the same expiry. */
    public static List<Part> all(List<String> texts, Instant expires) {
        return texts.stream().map(t -> new Part(t, expires)).toList();
    }

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
