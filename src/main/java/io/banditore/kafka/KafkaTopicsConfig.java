package io.banditore.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Banditore treats its Kafka topics. */
@ConfigMapping(prefix = "banditore.kafka")
public interface KafkaTopicsConfig {

    /** Create missing topics at start (local runs and tests); in production the platform (Strimzi KafkaTopic) owns them. */
    @WithDefault("false")
    boolean createTopics();

    /** Partitions of each topic created at start. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of each topic created at start. */
    @WithDefault("1")
    short replicationFactor();
}
