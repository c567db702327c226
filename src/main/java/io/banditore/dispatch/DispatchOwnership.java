package io.banditore.dispatch;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.banditore.kafka.ConsumerGroups;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Which dispatch partitions this process holds, and since which consumer-group generation: the dispatchers'
 * rebalance listener (mp.messaging.incoming.dispatch-*-in.consumer-rebalance-listener.name). A record's delivery is
 * carried out only while its partition has not been revoked since the record was read.
 */
@ApplicationScoped
@Identifier(DispatchOwnership.NAME)
public class DispatchOwnership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "dispatch-ownership";
    private static final Logger LOG = Logger.getLogger(DispatchOwnership.class);

    /** This process among the dispatchers, in every status it records. */
    private final String instance;
    /** Each assignment gets its own stamp: a partition revoked and given back is a new holding. */
    private final AtomicLong stamps = new AtomicLong();
    private final Map<TopicPartition, Holding> held = new ConcurrentHashMap<>();
    private final ConsumerGroups groups;

    public DispatchOwnership(ConsumerGroups groups, DispatchConfig config) {
        this.groups = groups;
        this.instance = config.instance().map(name -> "dispatcher-" + name)
                .orElseGet(() -> "dispatcher-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private record Holding(int generation, long stamp) {
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        int generation = generationOf(consumer);
        partitions.forEach(p -> held.put(p, new Holding(generation, stamps.incrementAndGet())));
        LOG.debugf("%s holds %s since generation %d", instance, partitions, generation);
        groups.assigned(consumer);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(held::remove);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(held::remove);
    }

    /** Who carries out this record's delivery, for as long as its partition stays with this process. */
    public Ownership of(Message<?> record) {
        var metadata = record.getMetadata(IncomingKafkaRecordMetadata.class);
        if (metadata.isEmpty()) {
            return Ownership.unfenced(instance);
        }
        TopicPartition partition = new TopicPartition(metadata.get().getTopic(), metadata.get().getPartition());
        Holding holding = held.get(partition);
        if (holding == null) {
            // Read before the assignment was announced (not seen with Kafka's clients, but then nothing fences it).
            return Ownership.unfenced(instance);
        }
        return new Ownership(instance, holding.generation(), () -> held.get(partition) == holding);
    }

    /** For deliveries made outside a consumer group. */
    public String instance() {
        return instance;
    }

    private static int generationOf(Consumer<?, ?> consumer) {
        try {
            return consumer.groupMetadata().generationId();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
