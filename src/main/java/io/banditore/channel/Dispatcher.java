package io.banditore.channel;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.banditore.routing.DispatchOrder;

/**
 * Where a channel's dispatch consumer hands its records: the dispatcher (io.banditore.dispatch) makes each delivery
 * with the channel its order names, in that town's lane, and acknowledges the record once the delivery has settled.
 * A channel with a dispatch topic of its own declares the consumer in its package: an {@code @Incoming} method on
 * {@code dispatch-<channel>-in} that hands each record to {@link #dispatch}, and a {@code Map<String, Object>} bean
 * {@code @Identifier("dispatch-<channel>-in")} giving {@link #consumerConfig}, which the Kafka connector reads below
 * what application.properties and the environment say of that channel.
 */
public interface Dispatcher {

    /** Hands the record to its town's lane; the stage completes as soon as the next record may be read. */
    CompletionStage<Void> dispatch(Message<DispatchOrder> record);

    /**
     * The consumer every dispatch topic has: its topic (dispatch.&lt;channel&gt;), its own consumer group, the rebalance
     * listener that stops a delivery whose partition moved, and unreadable records sent to the dead-letter topic.
     */
    Map<String, Object> consumerConfig(String channel);
}
