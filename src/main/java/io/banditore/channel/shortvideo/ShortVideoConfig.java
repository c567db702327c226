package io.banditore.channel.shortvideo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How short videos are published. */
@ConfigMapping(prefix = "banditore.shortvideo")
public interface ShortVideoConfig {

    /** The service's public base URL, from which TikTok pulls the rendered video (PULL_FROM_URL). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Pause between two publish status checks. */
    @WithDefault("PT2S")
    Duration statusPollInterval();

    /** How many status checks before the post is taken as accepted and still processing. */
    @WithDefault("15")
    int statusPollAttempts();
}
