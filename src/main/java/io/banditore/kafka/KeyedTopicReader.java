package io.banditore.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Reads a keyed topic from its beginning and keeps following it, so that every replica holds the whole state the
 * topic records (a materialised view). It says when it has caught up with the end it saw at start; until then the
 * view is incomplete and readiness says so. A record it cannot read is logged, counted and passed over; a failure
 * outside a record (the client itself) never leaves it silently stale: it is no longer caught up, a new client
 * resumes after the last record read, and it is caught up again once it has reached the end it then sees.
 */
public final class KeyedTopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyedTopicReader.class);
    private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    private static final Duration LAST_RESTART = Duration.ofSeconds(30);

    private final String topic;
    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> clients;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    /** What a tombstone (a key with no value) does to the view: nothing unless the view says. */
    private volatile Consumer<String> onTombstone = key -> {
    };
    private final MeterRegistry metrics;
    private final Thread thread;
    /** Work the view does on its own thread between reads, once caught up and then every period (none by default). */
    private volatile Runnable periodic;
    private volatile Duration period;
    /** When the periodic work runs next (System.nanoTime), touched by the view's thread only; first at catching up. */
    private long nextPeriodic;
    private boolean periodicRan;
    /** Where to resume on each partition after a restart; touched by the view's thread only. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    /** Whether the view caught up after its last restart (the next failure then waits the shortest time again). */
    private boolean caughtUpSinceLastRestart;
    private volatile org.apache.kafka.clients.consumer.Consumer<String, byte[]> client;
    private volatile boolean caughtUp;
    /** Where the reader stands in each partition after its last poll (read by other threads). */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile int restarts;

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
        // The views are built by beans of every feature; the application's registry is also Micrometer's global one.
        this(topic, () -> newClient(topic, defaultBrokerConfig), onRecord, Metrics.globalRegistry);
    }

    /** With the Kafka clients it reads through, one per (re)start. */
    KeyedTopicReader(String topic, Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> clients,
            Consumer<ConsumerRecord<String, byte[]>> onRecord, MeterRegistry metrics) {
        this.topic = topic;
        this.clients = clients;
        this.onRecord = onRecord;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "view-" + topic);
        this.thread.setDaemon(true);
    }

    private static KafkaConsumer<String, byte[]> newClient(String topic, Map<String, Object> defaultBrokerConfig) {
        Map<String, Object> config = KafkaClientConfig.of(defaultBrokerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what a transaction committed: the intake writes its journal, audit and alerts together or not at all.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "banditore-view-" + topic);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Has a tombstone (the key written with no value) remove the key from the view; before {@link #start()}. */
    public KeyedTopicReader onTombstone(Consumer<String> forget) {
        this.onTombstone = forget;
        return this;
    }

    /**
     * Has the view's own thread run {@code task} between two reads: once it has caught up, then every {@code every};
     * in every replica, whatever its role (before {@link #start()}).
     */
    public KeyedTopicReader periodically(Duration every, Runnable task) {
        this.period = every;
        this.periodic = task;
        return this;
    }

    public void start() {
        thread.start();
    }

    /** True while the view holds every record up to the end the topic had when this view (re)started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True once every record before these offsets has been applied (e.g. the topic's ends, as {@link TopicEnds} gives them). */
    public boolean hasReached(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** How many times the view had to start reading again after a failure. */
    public int restarts() {
        return restarts;
    }

    public String topic() {
        return topic;
    }

    private void run() {
        Duration wait = FIRST_RESTART;
        while (running) {
            try (var reading = clients.get()) {
                client = reading;
                if (!running) {
                    return;
                }
                read(reading);
            } catch (WakeupException e) {
                // closing
            } catch (Throwable e) { // anything at all: a view must never stop in silence while it still says it is caught up
                caughtUp = false;
                if (!running) {
                    return;
                }
                restarts++;
                LOG.errorf(e, "View of %s stopped; reading it again in %d s, and not ready until it has caught up", topic, wait.toSeconds());
                pause(wait);
                wait = caughtUpSinceLastRestart ? FIRST_RESTART : min(wait.multipliedBy(2), LAST_RESTART);
                caughtUpSinceLastRestart = false;
            }
        }
    }

    private void read(org.apache.kafka.clients.consumer.Consumer<String, byte[]> reading) {
        List<TopicPartition> partitions = TopicPartitions.await(reading, topic, () -> running);
        reading.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long resume = next.get(partition);
            if (resume == null) {
                reading.seekToBeginning(List.of(partition));
            } else {
                reading.seek(partition, resume);
            }
        }
        Map<TopicPartition, Long> end = reading.endOffsets(partitions);
        while (running) {
            ConsumerRecords<String, byte[]> records = reading.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, byte[]> record : records) {
                apply(record);
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            partitions.forEach(p -> positions.put(p, reading.position(p)));
            if (caughtUp) {
                runPeriodic();
            }
            if (!caughtUp && end.entrySet().stream().allMatch(e -> reading.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                caughtUpSinceLastRestart = true;
                LOG.infof(restarts == 0 ? "View of %s caught up" : "View of %s caught up again", topic);
            }
        }
    }

    private void runPeriodic() {
        Runnable task = periodic;
        if (task == null || (periodicRan && System.nanoTime() - nextPeriodic < 0)) {
            return;
        }
        periodicRan = true;
        nextPeriodic = System.nanoTime() + period.toNanos();
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "The periodic work of the view of %s failed; it runs again in %s", topic, period);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            onTombstone.accept(record.key());
            return;
        }
        try {
            onRecord.accept(record);
        } catch (RuntimeException e) {
            // A record this version cannot read must not stop the view, nor hold up the records behind it.
            UnreadableRecords.passedOver(metrics, topic, record.partition(), record.offset(), reason(e));
        }
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            reason.append(": ").append(cause.getClass().getSimpleName());
        }
        return reason.toString();
    }

    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                running = false; // only the JVM's shutdown interrupts a view
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        running = false;
        var reading = client;
        if (reading != null) {
            reading.wakeup();
        }
    }
}
