package io.banditore.channel;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.banditore.directory.DeclaredChannels;

/** Every channel Banditore publishes on, in a stable order. */
@ApplicationScoped
public class ChannelRegistry {

    private final List<ChannelPublisher> channels;
    private final Map<String, ChannelPublisher> byName;

    public ChannelRegistry(Instance<ChannelPublisher> channels, DeclaredChannels declared) {
        this.channels = channels.stream().sorted(Comparator.comparing(ChannelPublisher::name)).toList();
        this.byName = this.channels.stream().collect(Collectors.toUnmodifiableMap(ChannelPublisher::name, Function.identity()));
        // A publisher without a declaration would never be routed to; a declaration without a publisher, never sent.
        Set<String> published = byName.keySet();
        Set<String> named = Set.copyOf(declared.names());
        if (!published.equals(named)) {
            throw new IllegalStateException("Every channel needs both a ChannelPublisher and a ChannelDeclaration: published "
                    + new TreeSet<>(published) + ", declared " + new TreeSet<>(named));
        }
    }

    public List<ChannelPublisher> all() {
        return channels;
    }

    /** The publisher of a channel, by the name its deliveries carry. */
    public Optional<ChannelPublisher> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
