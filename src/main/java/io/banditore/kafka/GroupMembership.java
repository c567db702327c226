package io.banditore.kafka;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The rebalance listener of a consumer that needs none of its own (mp.messaging.incoming.NAME.consumer-rebalance-listener.name
 * = group-membership): it only tells {@link ConsumerGroups} that the consumer has its partitions.
 */
@ApplicationScoped
@Identifier(GroupMembership.NAME)
public class GroupMembership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "group-membership";

    private final ConsumerGroups groups;

    public GroupMembership(ConsumerGroups groups) {
        this.groups = groups;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        groups.assigned(consumer);
    }
}
