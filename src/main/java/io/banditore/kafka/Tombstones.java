package io.banditore.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * Writes tombstones (a key with no value) on the compacted topics, so that compaction removes a key's records and
 * Kafka forgets what the views have let go of. Every replica may write the same tombstone; a second one is harmless.
 * Counted in banditore_tombstones_total{topic}.
 */
@ApplicationScoped
public class Tombstones {

    private static final Logger LOG = Logger.getLogger(Tombstones.class);

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private volatile KafkaProducer<String, byte[]> producer;

    public Tombstones(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
    }

    /**
     * Writes a tombstone for each key and waits until the broker has them (a few seconds at most, so that a broker
     * outage holds up a view's thread no longer); returns the keys it has, to be let go of. The others are kept and
     * written at the next pruning.
     */
    public Set<String> write(String topic, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<String> written = ConcurrentHashMap.newKeySet();
        try {
            KafkaProducer<String, byte[]> writer = producer();
            for (String key : keys) {
                writer.send(new ProducerRecord<>(topic, key, null), (metadata, e) -> {
                    if (e == null) {
                        written.add(key);
                    }
                });
            }
            writer.flush();
        } catch (RuntimeException e) {
            LOG.warnf("Tombstones on %s not all written (%s); the rest at the next pruning", topic, e.toString());
        }
        if (written.size() < keys.size()) {
            LOG.warnf("%d of %d tombstones on %s not written; they are written at the next pruning", keys.size() - written.size(), keys.size(), topic);
        }
        metrics.counter("banditore_tombstones_total", "topic", topic).increment(written.size());
        return written;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = KafkaClientConfig.of(kafkaConfig);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "banditore-tombstones");
                    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
                    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
                    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
