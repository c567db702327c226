package io.banditore.channel.telegram;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.banditore.channel.Dispatcher;
import io.banditore.directory.ChannelName;
import io.banditore.kafka.Topics;
import io.banditore.routing.DispatchOrder;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;

/** Telegram's dispatch consumer: the records of dispatch.telegram, handed to the dispatcher. */
@ApplicationScoped
public class TelegramDispatch {

    private final Dispatcher dispatcher;

    public TelegramDispatch(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(Topics.Channels.DISPATCH_TELEGRAM_IN)
    public CompletionStage<Void> dispatch(Message<DispatchOrder> record) {
        return dispatcher.dispatch(record);
    }

    /** The consumer's Kafka configuration, which the connector finds by the channel's name. */
    @Produces
    @Unremovable
    @Identifier(Topics.Channels.DISPATCH_TELEGRAM_IN)
    Map<String, Object> consumer() {
        return dispatcher.consumerConfig(ChannelName.TELEGRAM);
    }
}
