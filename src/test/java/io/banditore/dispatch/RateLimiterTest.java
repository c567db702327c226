package io.banditore.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.banditore.channel.RateLimit;

/** The pace the dispatchers keep: below each provider limit by the configured headroom, never over it. */
class RateLimiterTest {

    private static final List<RateLimit> BOT = List.of(new RateLimit("telegram/bot/shared", 30, Duration.ofSeconds(1)));
    private static final List<RateLimit> CHAT = List.of(new RateLimit("telegram/chat/@town", 1, Duration.ofSeconds(1)));

    @Test
    void aBurstStopsShortOfTheProvidersLimitByTheHeadroom() {
        RateLimiter limiter = new RateLimiter(0.05);
        for (int i = 0; i < 28; i++) {
            assertEquals(0, limiter.tryTakeAll(BOT), "send " + (i + 1) + " of the burst");
        }
        long wait = limiter.tryTakeAll(BOT);
        // The 29th waits for the refill at 28.5 a second: about 35 ms, not the 33 ms of Telegram's own 30 a second.
        assertTrue(wait > 0, "the 29th send of a burst waits");
        assertTrue(wait <= Duration.ofMillis(36).toNanos(), "it waits one refill at 28.5 a second, not " + wait + " ns");
    }

    @Test
    void oneAPeriodIsPacedAtThePeriodStretchedByTheHeadroom() {
        RateLimiter limiter = new RateLimiter(0.05);
        assertEquals(0, limiter.tryTakeAll(CHAT));
        long wait = limiter.tryTakeAll(CHAT);
        assertTrue(wait > Duration.ofMillis(1040).toNanos() && wait <= Duration.ofMillis(1053).toNanos(),
                "the second message to one chat waits 1 s / 0.95, not " + wait + " ns");
    }

    @Test
    void withNoHeadroomTheLimitIsTheProvidersOwn() {
        RateLimiter limiter = new RateLimiter(0);
        for (int i = 0; i < 30; i++) {
            assertEquals(0, limiter.tryTakeAll(BOT), "send " + (i + 1) + " of the burst");
        }
        assertTrue(limiter.tryTakeAll(BOT) > 0, "the 31st send of a burst waits");
    }

    @Test
    void aSendTakesFromEveryBucketOrFromNone() {
        RateLimiter limiter = new RateLimiter(0.05);
        assertEquals(0, limiter.tryTakeAll(CHAT));
        // The chat's bucket is empty: the bot's must not lose a token to a send that does not happen.
        List<RateLimit> both = List.of(BOT.get(0), CHAT.get(0));
        assertTrue(limiter.tryTakeAll(both) > 0);
        for (int i = 0; i < 28; i++) {
            assertEquals(0, limiter.tryTakeAll(BOT), "send " + (i + 1) + " through the bot");
        }
    }

    @Test
    void aHeadroomOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1.0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-0.1));
    }
}
