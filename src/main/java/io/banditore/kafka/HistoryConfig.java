package io.banditore.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long the replicas' views keep what is over (alerts, their routing and their deliveries), and how often they let
 * go of what has passed it. What an audit needs beyond it is on audit.v1, kept for a year.
 */
@ConfigMapping(prefix = "banditore.history")
public interface HistoryConfig {

    /** The retention when none is configured. */
    String DEFAULT_RETENTION = "P30D";

    /**
     * How long after it is over an alert, its routing and its deliveries stay in the views and on the compacted topics:
     * an alert from its expiry (or its last decision, when it names none), a delivery from its last status.
     */
    @WithDefault(DEFAULT_RETENTION)
    Duration retention();

    /** How often each view removes what has passed the retention, and writes its tombstones. */
    @WithDefault("PT1H")
    Duration pruneEvery();
}
