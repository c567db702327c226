package io.banditore.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.shortvideo.ShortVideoChannel;
import io.banditore.channel.shortvideo.instagram.InstagramChannel;
import io.banditore.channel.shortvideo.youtube.YouTubeChannel;
import io.banditore.channel.telegram.TelegramChannel;
import io.banditore.channel.x.XChannel;
import io.banditore.directory.ChannelName;
import io.banditore.kafka.Lanes;
import io.banditore.kafka.Topics;
import io.banditore.routing.DispatchOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * One consumer per channel's dispatch topic; each can be turned off (mp.messaging.incoming.NAME.enabled) or scaled
 * on its own. Deliveries run side by side, one lane per town (Lanes); a record is acknowledged only when its
 * delivery has settled.
 */
@ApplicationScoped
public class ChannelDispatchers {

    private static final Logger LOG = Logger.getLogger(ChannelDispatchers.class);

    private final DeliveryRunner runner;
    /** Each channel's own lanes: a backlog on one channel takes no room from another. */
    private final Map<String, Lanes> lanes;
    private final TelegramChannel telegram;
    private final XChannel x;
    /** The short-video topic's channels by name: the TikTok post (and captions), the Instagram Reel, the YouTube Short. */
    private final Map<String, ChannelPublisher> shortvideo;
    private final DispatchOwnership ownership;

    public ChannelDispatchers(DeliveryRunner runner, DispatchConfig config, MeterRegistry metrics, TelegramChannel telegram, XChannel x,
            ShortVideoChannel shortvideo, InstagramChannel instagram, YouTubeChannel youtube,
            @Identifier(DispatchOwnership.NAME) DispatchOwnership ownership) {
        this.runner = runner;
        this.ownership = ownership;
        this.lanes = Map.of(telegram.name(), new Lanes("dispatch-" + telegram.name(), config.maxInFlight(), metrics),
                x.name(), new Lanes("dispatch-" + x.name(), config.maxInFlight(), metrics),
                shortvideo.name(), new Lanes("dispatch-" + shortvideo.name(), config.maxInFlight(), metrics));
        this.telegram = telegram;
        this.x = x;
        this.shortvideo = Map.of(shortvideo.name(), shortvideo, instagram.name(), instagram, youtube.name(), youtube);
    }

    @Incoming(Topics.Channels.DISPATCH_TELEGRAM_IN)
    public CompletionStage<Void> telegram(Message<DispatchOrder> record) {
        return dispatch(record, telegram);
    }

    @Incoming(Topics.Channels.DISPATCH_X_IN)
    public CompletionStage<Void> x(Message<DispatchOrder> record) {
        return dispatch(record, x);
    }

    @Incoming(Topics.Channels.DISPATCH_SHORTVIDEO_IN)
    public CompletionStage<Void> shortvideo(Message<DispatchOrder> record) {
        ChannelPublisher platform = shortvideo.get(record.getPayload().channel());
        if (platform == null) {
            // Written by a newer version for a platform this one does not know: left for that version, not lost.
            LOG.warnf("Delivery %s is for channel %s, which this version does not publish on; passed over",
                    record.getPayload().deliveryId(), record.getPayload().channel());
            return record.ack();
        }
        return dispatch(record, platform);
    }

    /**
     * Hands the order to its town's lane and returns as soon as it has room, so that the next record can be read;
     * the record is acknowledged when its delivery has settled (the connector commits offsets only below the oldest
     * record not yet acknowledged, so a crash redelivers what had not settled, and the ledger skips what had).
     */
    private CompletionStage<Void> dispatch(Message<DispatchOrder> record, ChannelPublisher channel) {
        DispatchOrder order = record.getPayload();
        // Who holds the record's partition now: after a rebalance, the delivery stops before its next provider call.
        Ownership owner = ownership.of(record);
        // One lane per town and platform: a TikTok post awaiting TikTok's processing does not hold up the town's Reel.
        boolean platform = !channel.name().equals(ChannelName.dispatchedAs(channel.name()));
        String lane = platform ? channel.name() + "/" + order.target() : order.target();
        return lanes.get(ChannelName.dispatchedAs(channel.name())).handle(record, lane, () -> run(order, channel, owner).subscribeAsCompletionStage());
    }

    // Kafka unreachable while recording a status: keep the order (unacknowledged) and try again.
    private Uni<Void> run(DispatchOrder order, ChannelPublisher channel, Ownership owner) {
        return Uni.createFrom().deferred(() -> runner.run(order, channel, owner))
                .onFailure().invoke(e -> LOG.warnf("Delivery %s could not record its status (%s); trying again", order.deliveryId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
