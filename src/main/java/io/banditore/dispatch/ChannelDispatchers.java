package io.banditore.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.ChannelRegistry;
import io.banditore.channel.Dispatcher;
import io.banditore.directory.DeclaredChannels;
import io.banditore.kafka.Lanes;
import io.banditore.kafka.Topics;
import io.banditore.kafka.UnreadableToDeadLetters;
import io.banditore.routing.DispatchOrder;
import io.banditore.routing.DispatchOrderDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The dispatcher behind every channel's dispatch consumer (each declared in its channel's package, each with its own
 * consumer group, so that each can be turned off with mp.messaging.incoming.NAME.enabled or scaled on its own).
 * Deliveries run side by side, one lane per town (Lanes); a record is acknowledged only when its delivery has settled.
 */
@ApplicationScoped
public class ChannelDispatchers implements Dispatcher {

    private static final Logger LOG = Logger.getLogger(ChannelDispatchers.class);

    private final DeliveryRunner runner;
    private final DispatchConfig config;
    private final MeterRegistry metrics;
    private final ChannelRegistry channels;
    private final DeclaredChannels declared;
    /** Each dispatch topic's own lanes: a backlog on one channel takes no room from another. */
    private final Map<String, Lanes> lanes = new ConcurrentHashMap<>();
    private final DispatchOwnership ownership;

    public ChannelDispatchers(DeliveryRunner runner, DispatchConfig config, MeterRegistry metrics, ChannelRegistry channels,
            DeclaredChannels declared, @Identifier(DispatchOwnership.NAME) DispatchOwnership ownership) {
        this.runner = runner;
        this.config = config;
        this.metrics = metrics;
        this.channels = channels;
        this.declared = declared;
        this.ownership = ownership;
    }

    /**
     * Hands the order to its town's lane and returns as soon as it has room, so that the next record can be read;
     * the record is acknowledged when its delivery has settled (the connector commits offsets only below the oldest
     * record not yet acknowledged, so a crash redelivers what had not settled, and the ledger skips what had).
     */
    @Override
    public CompletionStage<Void> dispatch(Message<DispatchOrder> record) {
        DispatchOrder order = record.getPayload();
        ChannelPublisher channel = channels.find(order.channel()).orElse(null);
        String topic = declared.dispatchedAs(order.channel()).orElse(null);
        if (channel == null || topic == null) {
            // Written by a newer version for a channel this one does not know: left for that version, not lost.
            LOG.warnf("Delivery %s is for channel %s, which this version does not publish on; passed over", order.deliveryId(), order.channel());
            return record.ack();
        }
        // Who holds the record's partition now: after a rebalance, the delivery stops before its next provider call.
        Ownership owner = ownership.of(record);
        // One lane per town and channel riding the topic: a TikTok post awaiting TikTok's processing does not hold up
        // the town's Reel.
        String lane = channel.name().equals(topic) ? order.target() : channel.name() + "/" + order.target();
        return lanes.computeIfAbsent(topic, t -> new Lanes("dispatch-" + t, config.maxInFlight(), metrics))
                .handle(record, lane, () -> run(order, channel, owner).subscribeAsCompletionStage());
    }

    @Override
    public Map<String, Object> consumerConfig(String channel) {
        return consumerConfigOf(channel);
    }

    /** {@link #consumerConfig}: the same for every channel but for its topic and its group. */
    public static Map<String, Object> consumerConfigOf(String channel) {
        return Map.of("topic", Topics.dispatchTopic(channel),
                "group.id", "banditore-dispatch-" + channel,
                // A consumer that died without leaving its group holds its partitions until its session times out.
                "session.timeout.ms", "10000",
                "heartbeat.interval.ms", "3000",
                // A delivery may wait for a provider's retry-after: a record may stay unacknowledged for up to 15
                // minutes before the channel reports itself unhealthy.
                "throttled.unprocessed-record-max-age.ms", "900000",
                // Hears every rebalance: a delivery whose partition was revoked stops before its next provider call.
                "consumer-rebalance-listener.name", DispatchOwnership.NAME,
                // A record that is not a dispatch order stops no dispatcher: it is counted and written as it was, the
                // reason in its dead-letter-* headers, to the dead-letter topic; the orders behind it go on.
                "value.deserializer", DispatchOrderDeserializer.class.getName(),
                "fail-on-deserialization-failure", "false",
                "failure-strategy", UnreadableToDeadLetters.STRATEGY,
                "dead-letter-queue.topic", Topics.DEAD_LETTERS);
    }

    // Kafka unreachable while recording a status: keep the order (unacknowledged) and try again.
    private Uni<Void> run(DispatchOrder order, ChannelPublisher channel, Ownership owner) {
        return Uni.createFrom().deferred(() -> runner.run(order, channel, owner))
                .onFailure().invoke(e -> LOG.warnf("Delivery %s could not record its status (%s); trying again", order.deliveryId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
