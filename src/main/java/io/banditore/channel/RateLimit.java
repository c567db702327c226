package io.banditore.channel;

import java.time.Duration;

/** At most {@code permits} sends per {@code period} for whatever {@code key} names (a chat, a bot, a token). */
public record RateLimit(String key, long permits, Duration period) {
}
