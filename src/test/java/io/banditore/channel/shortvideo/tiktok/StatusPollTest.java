package io.banditore.channel.shortvideo.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How often a publish's status is read: soon at first, then every interval, within TikTok's 30 reads a minute. */
class StatusPollTest {

    private static final Duration FIRST = Duration.ofMillis(500);
    private static final Duration INTERVAL = Duration.ofSeconds(3);

    @Test
    void thePausesDoubleFromTheFirstUpToTheInterval() {
        List<Duration> pauses = new ArrayList<>();
        Duration waited = null;
        for (int i = 0; i < 6; i++) {
            waited = TikTokPublisher.nextPoll(waited, FIRST, INTERVAL);
            pauses.add(waited);
        }
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void aMinuteOfPollingStaysWithinTikToksThirtyStatusReads() {
        int reads = 1; // the first, right after the video is handed over
        Duration elapsed = Duration.ZERO;
        Duration waited = null;
        while (true) {
            waited = TikTokPublisher.nextPoll(waited, FIRST, INTERVAL);
            elapsed = elapsed.plus(waited);
            if (elapsed.compareTo(Duration.ofMinutes(1)) > 0) {
                break;
            }
            reads++;
        }
        assertThat(reads).isLessThanOrEqualTo(30);
    }

    @Test
    void anIntervalShorterThanTheFirstPauseWins() {
        assertThat(TikTokPublisher.nextPoll(null, FIRST, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
    }
}
