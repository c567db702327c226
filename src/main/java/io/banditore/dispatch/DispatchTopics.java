package io.banditore.dispatch;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.directory.DeclaredChannels;
import io.banditore.kafka.TopicDemand;
import io.banditore.kafka.Topics;

/** The dispatch topic of every channel that rides its own (dispatch.&lt;channel&gt;), for the topics created at start. */
@ApplicationScoped
public class DispatchTopics implements TopicDemand {

    private final DeclaredChannels channels;

    public DispatchTopics(DeclaredChannels channels) {
        this.channels = channels;
    }

    @Override
    public List<String> topics() {
        return channels.entries().stream().map(Topics::dispatchTopic).toList();
    }
}
