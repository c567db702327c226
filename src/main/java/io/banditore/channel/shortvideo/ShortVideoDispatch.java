package io.banditore.channel.shortvideo;

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

/** The short video's dispatch consumer: the records of dispatch.shortvideo (TikTok posts, Instagram Reels and YouTube Shorts, one delivery each), handed to the dispatcher. */
@ApplicationScoped
public class ShortVideoDispatch {

    private final Dispatcher dispatcher;

    public ShortVideoDispatch(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(Topics.Channels.DISPATCH_SHORTVIDEO_IN)
    public CompletionStage<Void> dispatch(Message<DispatchOrder> record) {
        return dispatcher.dispatch(record);
    }

    /** The consumer's Kafka configuration, which the connector finds by the channel's name. */
    @Produces
    @Unremovable
    @Identifier(Topics.Channels.DISPATCH_SHORTVIDEO_IN)
    Map<String, Object> consumer() {
        return dispatcher.consumerConfig(ChannelName.SHORTVIDEO);
    }
}
