package io.banditore.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a keyed topic from its beginning and keeps following it, so that every replica holds the whole state the
 * topic records (a materialised view). It says when it has caught up with the end it saw at start; until then the
 * view is incomplete and readiness says so.
 */
public final class KeyedTopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyedTopicReader.class);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private final Thread thread;
    private volatile boolean caughtUp;
    /** Where the reader stands in each partition after its last poll (read by other threads). */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;

    public KeyedTopicReader(String topic, Map<String, Object> defaultBrokerConfig, BiConsumer<String, byte[]> onRecord) {
        this(topic, defaultBrokerConfig, (ConsumerRecord<String, byte[]> record) -> onRecord.accept(record.key(), record.value()));
    }

    /**
     * A view of JSON records: each value read as {@code type} and handed to {@code apply}. A record this version
     * cannot read is logged with its position and skipped, like any record {@code apply} refuses.
     */
    public static <T> KeyedTopicReader ofJson(String topic, Map<String, Object> defaultBrokerConfig, ObjectMapper mapper, Class<T> type,
            Consumer<T> apply) {
        return new KeyedTopicReader(topic, defaultBrokerConfig, (String key, byte[] value) -> {
            try {
                apply.accept(mapper.readValue(value, type));
            } catch (IOException e) {
                throw new UncheckedIOException(type.getSimpleName() + " " + key + " is unreadable", e);
            }
        });
    }

    /** For a view that needs each record's partition and offset (e.g. to tell a reader where it stands). */
    public KeyedTopicReader(String topic, Map<String, Object> defaultBrokerConfig, Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        Map<String, Object> config = KafkaClientConfig.of(defaultBrokerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what a transaction committed: the intake writes its journal, audit and alerts together or not at all.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "banditore-view-" + topic);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "view-" + topic);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** True once every record before these offsets has been applied (e.g. the topic's ends, as {@link TopicEnds} gives them). */
    public boolean hasReached(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    public String topic() {
        return topic;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                partitions.forEach(p -> positions.put(p, consumer.position(p)));
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    LOG.infof("View of %s caught up", topic);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "View of %s stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
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

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            onRecord.accept(record);
        } catch (RuntimeException e) {
            // A record this version cannot read must not stop the view; it is logged with its position.
            LOG.errorf(e, "Unreadable record in %s at partition %d offset %d", topic, record.partition(), record.offset());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
