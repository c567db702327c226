package io.banditore.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end of a topic as a read_committed reader sees it: the last stable offset of each partition, before which
 * every transaction has committed or aborted. Blocking: call it off the event loop.
 */
public final class TopicEnds implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicEnds(String topic, Map<String, Object> defaultBrokerConfig) {
        this.topic = topic;
        Map<String, Object> config = KafkaClientConfig.of(defaultBrokerConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "banditore-ends-" + topic);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public synchronized Map<TopicPartition, Long> now() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
