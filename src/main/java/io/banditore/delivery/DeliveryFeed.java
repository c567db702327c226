package io.banditore.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Every status change read from deliveries.v1, for live streams: each replica reads the whole topic, so each streams
 * every change, whoever made it, in the topic's order (which is each delivery's order: its key fixes its partition).
 * A stream resumed from a {@link FeedCursor} first replays the latest status of each delivery changed after it.
 */
public class DeliveryFeed {

    /** What a stream carries. */
    public sealed interface Event {
        /** Where the stream stands after this event: its SSE id. */
        FeedCursor cursor();
    }

    /** A delivery's status, as read from the topic (or replayed to a resumed stream). */
    public record Change(DeliveryStatus status, FeedCursor cursor) implements Event {
    }

    /** The stream has replayed what it missed and is live from here. */
    public record Live(FeedCursor cursor) implements Event {
    }

    /** A record's status and position, the latest of its delivery. */
    private record Position(DeliveryStatus status, int partition, long offset) {
    }

    /** One open stream: its filter and where it stands. */
    private static final class Subscriber {
        private final MultiEmitter<? super Event> emitter;
        private final String alertId;
        private FeedCursor position;

        Subscriber(MultiEmitter<? super Event> emitter, String alertId, FeedCursor position) {
            this.emitter = emitter;
            this.alertId = alertId;
            this.position = position;
        }
    }

    /** Events a slow stream may fall behind by before it is ended (it then resumes from its last event id). */
    static final int STREAM_BUFFER = 10_000;

    private final Map<Integer, Long> read = new TreeMap<>();
    private final Map<String, Position> latest = new HashMap<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** A record read from deliveries.v1; an older or repeated version of a delivery is not streamed. */
    synchronized void onRecord(DeliveryStatus status, int partition, long offset) {
        read.merge(partition, offset, Math::max);
        Position previous = latest.get(status.deliveryId());
        if (previous != null && previous.status().version() >= status.version()) {
            return;
        }
        latest.put(status.deliveryId(), new Position(status, partition, offset));
        FeedCursor now = new FeedCursor(read);
        for (Subscriber s : subscribers) {
            if (wanted(s.alertId, status) && offset > s.position.at(partition)) {
                s.position = s.position.max(now);
                s.emitter.emit(new Change(status, s.position));
            }
        }
    }

    /** Lets go of a delivery the ledger no longer keeps. */
    synchronized void forget(String deliveryId) {
        latest.remove(deliveryId);
    }

    /** Where the feed stands: the last offset read in each partition. */
    public synchronized FeedCursor cursor() {
        return new FeedCursor(read);
    }

    /**
     * The changes of one alert (or of all when {@code alertId} is null) from now on; with a cursor, first the latest
     * status of each delivery changed after it. A {@link Live} event marks the end of the replay.
     */
    public Multi<Event> stream(String alertId, FeedCursor from) {
        return Multi.createFrom().<Event>emitter(emitter -> {
            synchronized (this) {
                FeedCursor now = new FeedCursor(read);
                if (from != null) {
                    List<Position> missed = new ArrayList<>();
                    for (Position p : latest.values()) {
                        if (wanted(alertId, p.status()) && p.offset() > from.at(p.partition())) {
                            missed.add(p);
                        }
                    }
                    // Replayed under the cursor they resume from: a stream cut during the replay replays it all again.
                    missed.stream().sorted(Comparator.comparingInt(Position::partition).thenComparingLong(Position::offset))
                            .forEach(p -> emitter.emit(new Change(p.status(), from)));
                }
                FeedCursor start = from == null ? now : from.max(now);
                emitter.emit(new Live(start));
                Subscriber subscriber = new Subscriber(emitter, alertId, start);
                emitter.onTermination(() -> subscribers.remove(subscriber));
                subscribers.add(subscriber);
            }
        }, STREAM_BUFFER);
    }

    private static boolean wanted(String alertId, DeliveryStatus status) {
        return alertId == null || alertId.equals(status.alertId());
    }
}
