package io.banditore.delivery;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a reader of deliveries.v1 stands: the last offset read in each partition. Offsets are the same for every
 * replica, so a stream resumed on any replica from a cursor misses nothing after it. Written as
 * "partition-offset" pairs joined by dots ("0-41.1-17.2-5"), or "start" before any record, which fits an SSE event id.
 */
public record FeedCursor(Map<Integer, Long> offsets) {

    private static final Pattern TEXT = Pattern.compile("\\d{1,5}-\\d{1,19}(\\.\\d{1,5}-\\d{1,19})*");

    public FeedCursor {
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    public static final FeedCursor START = new FeedCursor(Map.of());
    private static final String START_TEXT = "start";

    /** The last offset read in a partition, or -1 when none was. */
    public long at(int partition) {
        return offsets.getOrDefault(partition, -1L);
    }

    public FeedCursor max(FeedCursor other) {
        TreeMap<Integer, Long> merged = new TreeMap<>(offsets);
        other.offsets.forEach((p, o) -> merged.merge(p, o, Math::max));
        return new FeedCursor(merged);
    }

    /** Parses a cursor's text; an empty text is the start of the topic. */
    public static FeedCursor parse(String text) {
        if (text == null || text.isBlank() || text.trim().equals(START_TEXT)) {
            return START;
        }
        if (!TEXT.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a cursor of this stream (partition-offset pairs joined by dots)");
        }
        TreeMap<Integer, Long> offsets = new TreeMap<>();
        for (String pair : text.trim().split("\\.")) {
            String[] po = pair.split("-");
            offsets.merge(Integer.parseInt(po[0]), Long.parseLong(po[1]), Math::max);
        }
        return new FeedCursor(offsets);
    }

    @Override
    public String toString() {
        return offsets.isEmpty() ? START_TEXT
                : offsets.entrySet().stream().map(e -> e.getKey() + "-" + e.getValue()).collect(Collectors.joining("."));
    }
}
