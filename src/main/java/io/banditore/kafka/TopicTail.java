package io.banditore.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows a topic from where it ends at start (read_committed, every partition, no group): for answers that only
 * the records written after start can carry, such as the decision on a request this replica sent.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BiConsumer<String, byte[]> onRecord;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;

    public TopicTail(String topic, Map<String, Object> defaultBrokerConfig, BiConsumer<String, byte[]> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        Map<String, Object> config = KafkaClientConfig.of(defaultBrokerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "banditore-tail-" + topic);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "tail-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts following, and returns once the end is fixed (or after the timeout, saying so). */
    public boolean start(Duration timeout) throws InterruptedException {
        thread.start();
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean positioned() {
        return positioned.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, topic, () -> running);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the positions fixes them now, before any request is sent.
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        onRecord.accept(record.key(), record.value());
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Unreadable record in %s at partition %d offset %d", topic, record.partition(), record.offset());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "Tail of %s stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
