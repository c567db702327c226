package io.banditore.channel;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Every channel Banditore publishes on, in a stable order. */
@ApplicationScoped
public class ChannelRegistry {

    private final List<ChannelPublisher> channels;

    public ChannelRegistry(Instance<ChannelPublisher> channels) {
        this.channels = channels.stream().sorted(Comparator.comparing(ChannelPublisher::name)).toList();
    }

    public List<ChannelPublisher> all() {
        return channels;
    }
}
