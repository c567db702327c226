package io.banditore.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The feed behind the SSE stream: every change once, in the topic's order, and a resumed stream misses nothing. */
class DeliveryFeedTest {

    private static final Instant T = Instant.parse("2026-01-22T10:00:00Z");

    private final DeliveryFeed feed = new DeliveryFeed();

    private static DeliveryStatus status(String target, String alert, DeliveryState state, long version) {
        return new DeliveryStatus(alert + ":telegram:" + target, alert, "IT-1", "telegram", target, state, 0, 0, 1, List.of(), null, null,
                T.plusSeconds(version), version);
    }

    private static List<String> seen(AssertSubscriber<DeliveryFeed.Event> subscriber) {
        return subscriber.getItems().stream().map(e -> e instanceof DeliveryFeed.Change c
                ? c.status().target() + "/" + c.status().status() + "@" + c.cursor()
                : "live@" + e.cursor()).toList();
    }

    @Test
    void aLiveStreamGetsEachNewerVersionOnceInOrder() {
        AssertSubscriber<DeliveryFeed.Event> all = feed.stream(null, null).subscribe().withSubscriber(AssertSubscriber.create(100));
        AssertSubscriber<DeliveryFeed.Event> one = feed.stream("a2", null).subscribe().withSubscriber(AssertSubscriber.create(100));

        feed.onRecord(status("chivasso", "a1", DeliveryState.QUEUED, 1), 0, 0);
        feed.onRecord(status("ivrea", "a2", DeliveryState.QUEUED, 1), 1, 0);
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENDING, 2), 0, 1);
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENDING, 2), 0, 2); // the same version written twice
        feed.onRecord(status("chivasso", "a1", DeliveryState.QUEUED, 1), 0, 3); // an older one, late
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENT, 3), 0, 4);

        assertThat(seen(all)).containsExactly("live@start", "chivasso/QUEUED@0-0", "ivrea/QUEUED@0-0.1-0", "chivasso/SENDING@0-1.1-0",
                "chivasso/SENT@0-4.1-0");
        assertThat(seen(one)).containsExactly("live@start", "ivrea/QUEUED@0-0.1-0");
        assertThat(feed.cursor()).hasToString("0-4.1-0");
    }

    @Test
    void aResumedStreamReplaysTheLatestOfWhatChangedAfterItsCursorThenGoesLive() {
        feed.onRecord(status("chivasso", "a1", DeliveryState.QUEUED, 1), 0, 0);
        feed.onRecord(status("ivrea", "a1", DeliveryState.QUEUED, 1), 1, 0);
        FeedCursor seenByBrowser = feed.cursor(); // 0-0.1-0
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENDING, 2), 0, 1);
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENT, 3), 0, 2);
        feed.onRecord(status("torino", "a1", DeliveryState.QUEUED, 1), 2, 0);

        AssertSubscriber<DeliveryFeed.Event> resumed = feed.stream("a1", seenByBrowser).subscribe().withSubscriber(AssertSubscriber.create(100));
        feed.onRecord(status("ivrea", "a1", DeliveryState.SENDING, 2), 1, 1);

        assertThat(seen(resumed)).containsExactly("chivasso/SENT@0-0.1-0", "torino/QUEUED@0-0.1-0", "live@0-2.1-0.2-0",
                "ivrea/SENDING@0-2.1-1.2-0");
    }

    @Test
    void aStreamResumedOnAReplicaThatIsBehindSkipsWhatItAlreadyHad() {
        feed.onRecord(status("chivasso", "a1", DeliveryState.QUEUED, 1), 0, 0);
        AssertSubscriber<DeliveryFeed.Event> resumed = feed.stream(null, FeedCursor.parse("0-1")).subscribe().withSubscriber(AssertSubscriber.create(100));
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENDING, 2), 0, 1); // the browser had it from another replica
        feed.onRecord(status("chivasso", "a1", DeliveryState.SENT, 3), 0, 2);

        assertThat(seen(resumed)).containsExactly("live@0-1", "chivasso/SENT@0-2");
    }

    @Test
    void aClosedStreamIsForgotten() {
        AssertSubscriber<DeliveryFeed.Event> closed = feed.stream(null, null).subscribe().withSubscriber(AssertSubscriber.create(100));
        closed.cancel();
        feed.onRecord(status("chivasso", "a1", DeliveryState.QUEUED, 1), 0, 0);
        assertThat(seen(closed)).containsExactly("live@start");
    }

    @Test
    void cursorsReadBackWhatTheyWrite() {
        FeedCursor cursor = new FeedCursor(Map.of(2, 5L, 0, 41L, 1, 17L));
        assertThat(cursor).hasToString("0-41.1-17.2-5");
        assertThat(FeedCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(FeedCursor.parse("start")).isEqualTo(FeedCursor.START);
        assertThat(cursor.max(FeedCursor.parse("0-40.1-20.3-1"))).hasToString("0-41.1-20.2-5.3-1");
        assertThatThrownBy(() -> FeedCursor.parse("42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedCursor.parse("0-1;drop")).isInstanceOf(IllegalArgumentException.class);
    }
}
