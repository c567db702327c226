package io.banditore.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.banditore.directory.DeclaredChannels;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Puts dispatch orders on their channel's dispatch topic (dispatch.&lt;channel&gt;, or the topic of the channel it
 * rides), keyed by target: the one writer of orders, for the router and for an operator's retry. The topic comes
 * from what the channel declares, so that a new channel needs no writer of its own.
 */
@ApplicationScoped
public class DispatchOrders {

    private final DeclaredChannels channels;
    private final MutinyEmitter<DispatchOrder> orders;

    public DispatchOrders(DeclaredChannels channels, @Channel(Topics.Channels.DISPATCH_OUT) MutinyEmitter<DispatchOrder> orders) {
        this.channels = channels;
        this.orders = orders;
    }

    /** Whether orders for this channel can be written: a channel some package declares. */
    public boolean carries(String channel) {
        return channels.dispatchedAs(channel).isPresent();
    }

    /** Writes the order; the Uni completes once Kafka has acknowledged it. */
    public Uni<Void> send(DispatchOrder order) {
        String topic = channels.dispatchedAs(order.channel()).map(Topics::dispatchTopic)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + order.channel() + " is declared"));
        return orders.sendMessage(KafkaMessages.keyedTo(topic, order.target(), order));
    }
}
