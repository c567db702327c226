package io.banditore.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public CAP feed: how big a page may grow, how long readers may cache it, and where it is reached. */
@ConfigMapping(prefix = "banditore.feed")
public interface FeedConfig {

    /** The largest page of the feed in bytes; more entries go on the next page (Google asks for feeds under about 900 KB). */
    @WithDefault("900000")
    int maxPageBytes();

    /** How long readers and caches may keep the feed and the CAP documents before asking again (Cache-Control max-age). */
    @WithDefault("PT30S")
    Duration maxAge();

    /** The public base URL the feed's links and ids start with; without it, the URL the request came in on. */
    Optional<URI> publicUrl();
}
