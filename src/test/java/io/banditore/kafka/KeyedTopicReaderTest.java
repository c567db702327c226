package io.banditore.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A view never goes silently stale: it restarts after a failure of its client, and is not caught up until it has read to the end again. */
class KeyedTopicReaderTest {

    private static final String TOPIC = "view.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final BlockingQueue<MockConsumer<String, byte[]>> clients = new ArrayBlockingQueue<>(4);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private KeyedTopicReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void aViewWhoseClientFailsRestartsAfterItsLastRecordAndIsNotCaughtUpUntilItHasReadToTheEndAgain() {
        MockConsumer<String, byte[]> first = client(2);
        MockConsumer<String, byte[]> second = client(3);
        clients.add(first);
        clients.add(second);
        first.schedulePollTask(() -> {
            first.addRecord(record(0, "a"));
            first.addRecord(record(1, "b"));
        });
        reader = new KeyedTopicReader(TOPIC, clients::remove, r -> applied.add(new String(r.value(), StandardCharsets.UTF_8)), metrics);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(reader::caughtUp);
        assertThat(applied).containsExactly("a", "b");

        // The client fails outside any record (a broker or network error the client does not recover from).
        first.setPollException(new KafkaException("the client gave up"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !reader.caughtUp());

        // A new client reads on from the record after the last one applied, and the view is not trusted meanwhile.
        await().atMost(Duration.ofSeconds(10)).until(() -> !second.assignment().isEmpty());
        assertThat(second.position(P0)).isEqualTo(2);
        assertThat(reader.caughtUp()).isFalse();
        assertThat(reader.restarts()).isEqualTo(1);

        second.addRecord(record(2, "c"));
        await().atMost(Duration.ofSeconds(10)).until(reader::caughtUp);
        assertThat(applied).containsExactly("a", "b", "c");
    }

    @Test
    void aRecordTheViewCannotReadIsCountedAndTheRecordsBehindItAreApplied() {
        MockConsumer<String, byte[]> only = client(3);
        clients.add(only);
        only.schedulePollTask(() -> {
            only.addRecord(record(0, "a"));
            only.addRecord(record(1, "not json"));
            only.addRecord(record(2, "c"));
        });
        reader = new KeyedTopicReader(TOPIC, clients::remove, r -> {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            if (value.contains(" ")) {
                throw new IllegalStateException("unreadable");
            }
            applied.add(value);
        }, metrics);
        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(reader::caughtUp);
        assertThat(applied).containsExactly("a", "c");
        assertThat(metrics.counter(UnreadableRecords.METRIC, "topic", TOPIC).count()).isEqualTo(1);
        assertThat(reader.restarts()).isZero();
    }

    private static MockConsumer<String, byte[]> client(long end) {
        MockConsumer<String, byte[]> client = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        client.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] { node }, new Node[] { node })));
        client.updateBeginningOffsets(Map.of(P0, 0L));
        client.updateEndOffsets(Map.of(P0, end));
        return client;
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "k" + offset, value.getBytes(StandardCharsets.UTF_8));
    }
}
