package io.banditore.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/** The partitions of a topic, for readers that assign them all themselves (the views, the tails). */
final class TopicPartitions {

    private static final Logger LOG = Logger.getLogger(TopicPartitions.class);

    private TopicPartitions() {
    }

    /** Asks until the topic exists and Kafka answers; a reader told to stop meanwhile ends with a WakeupException. */
    static List<TopicPartition> await(Consumer<?, ?> consumer, String topic, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                LOG.warnf("Topic %s not found yet; waiting for it", topic);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warnf("Kafka did not answer for topic %s yet; asking again", topic);
            }
        }
        throw new WakeupException();
    }
}
