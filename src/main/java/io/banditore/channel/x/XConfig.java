package io.banditore.channel.x;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The pace X allows for POST /2/tweets per user (https://docs.x.com/x-api/fundamentals/rate-limits). */
@ConfigMapping(prefix = "banditore.x")
public interface XConfig {

    /** Posts one account may make per window. */
    @WithDefault("100")
    int postsPerWindow();

    /** The window of postsPerWindow. */
    @WithDefault("PT15M")
    Duration window();
}
