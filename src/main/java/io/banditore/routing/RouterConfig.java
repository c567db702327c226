package io.banditore.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the router fans alerts out. */
@ConfigMapping(prefix = "banditore.router")
public interface RouterConfig {

    /** Alerts fanned out at once; each is acknowledged once all its dispatch records are on Kafka. */
    @WithDefault("64")
    int maxInFlight();

    /**
     * How long an Update or Cancel waits for the routing of the alerts it references before it goes where they are
     * known to have gone.
     */
    @WithDefault("PT5M")
    Duration originalWait();
}
