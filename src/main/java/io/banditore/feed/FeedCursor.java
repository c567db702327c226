package io.banditore.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the next page of a feed starts: after the last entry of the page before, by time and id, so that an alert
 * published meanwhile never shifts an entry onto a page already read.
 */
final class FeedCursor {

    private FeedCursor() {
    }

    static String after(FeedItem last) {
        String key = last.updated().getEpochSecond() + "~" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The items after the cursor; empty when the cursor is not one this feed wrote. */
    static Optional<List<FeedItem>> rest(List<FeedItem> items, String cursor) {
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int tilde = key.indexOf('~');
        if (tilde < 1) {
            return Optional.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(key.substring(0, tilde));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        FeedItem mark = new FeedItem(key.substring(tilde + 1), null, List.of(), Instant.ofEpochSecond(seconds));
        return Optional.of(items.stream().filter(i -> FeedItem.NEWEST_FIRST.compare(i, mark) > 0).toList());
    }
}
