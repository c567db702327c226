package io.banditore.dispatch;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.shortvideo.ShortVideoChannel;
import io.banditore.channel.telegram.TelegramChannel;
import io.banditore.channel.x.XChannel;
import io.banditore.kafka.Topics;
import io.smallrye.mutiny.Uni;

/**
 * One consumer per channel's dispatch topic; each can be turned off (mp.messaging.incoming.NAME.enabled) or scaled
 * on its own. A record is acknowledged only when its delivery has settled.
 */
@ApplicationScoped
public class ChannelDispatchers {

    private final DeliveryRunner runner;
    private final TelegramChannel telegram;
    private final XChannel x;
    private final ShortVideoChannel shortvideo;

    public ChannelDispatchers(DeliveryRunner runner, TelegramChannel telegram, XChannel x, ShortVideoChannel shortvideo) {
        this.runner = runner;
        this.telegram = telegram;
        this.x = x;
        this.shortvideo = shortvideo;
    }

    @Incoming(Topics.Channels.DISPATCH_TELEGRAM_IN)
    public Uni<Void> telegram(DispatchOrder order) {
        return run(order, telegram);
    }

    @Incoming(Topics.Channels.DISPATCH_X_IN)
    public Uni<Void> x(DispatchOrder order) {
        return run(order, x);
    }

    @Incoming(Topics.Channels.DISPATCH_SHORTVIDEO_IN)
    public Uni<Void> shortvideo(DispatchOrder order) {
        return run(order, shortvideo);
    }

    // Kafka unreachable while recording a status: keep the order (unacknowledged) and try again.
    private Uni<Void> run(DispatchOrder order, ChannelPublisher channel) {
        return Uni.createFrom().deferred(() -> runner.run(order, channel))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
