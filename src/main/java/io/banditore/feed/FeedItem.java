package io.banditore.feed;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;

/**
 * One alert as a feed shows it: the alert and the info blocks its entry is written from, which for a Cancel without
 * info (CAP's usual form) are those of the alert it withdraws.
 */
public record FeedItem(String id, Alert alert, List<Info> infos, Instant updated) {

    /** Newest first; the id breaks ties so that pages never skip or repeat an entry. */
    public static final Comparator<FeedItem> NEWEST_FIRST = Comparator.comparing(FeedItem::updated).reversed()
            .thenComparing(FeedItem::id);

    public FeedItem {
        infos = List.copyOf(infos);
    }
}
