package io.banditore.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every channel the packages on the classpath declare, in the order a town's deliveries are made and shown. */
@ApplicationScoped
public class DeclaredChannels {

    private final List<String> names;
    private final List<String> entries;
    private final Map<String, ChannelDeclaration> byName;
    private final Comparator<String> order = Comparator
            .comparingInt((String name) -> find(name).map(ChannelDeclaration::rank).orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    @Inject
    public DeclaredChannels(Instance<ChannelDeclaration> declarations) {
        this(declarations.stream().toList());
    }

    public DeclaredChannels(List<ChannelDeclaration> declarations) {
        List<ChannelDeclaration> all = declarations.stream().sorted(Comparator.comparingInt(ChannelDeclaration::rank).thenComparing(ChannelDeclaration::name)).toList();
        this.names = all.stream().map(ChannelDeclaration::name).toList();
        this.entries = all.stream().filter(ChannelDeclaration::ownEntry).map(ChannelDeclaration::name).toList();
        this.byName = all.stream().collect(Collectors.toUnmodifiableMap(ChannelDeclaration::name, Function.identity()));
        for (ChannelDeclaration channel : all) {
            ChannelDeclaration entry = byName.get(channel.dispatchedAs());
            if (entry == null || !entry.ownEntry()) {
                throw new IllegalStateException("Channel " + channel.name() + " rides " + channel.dispatchedAs() + ", which is no channel of its own");
            }
        }
    }

    /** The names of every delivery channel, in that order. */
    public List<String> names() {
        return names;
    }

    /** The channels a target of the directory names (each its own entry), in that order. */
    public List<String> entries() {
        return entries;
    }

    public Optional<ChannelDeclaration> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The directory entry, and dispatch topic, a delivery channel rides; empty for a channel nobody declares. */
    public Optional<String> dispatchedAs(String name) {
        return find(name).map(ChannelDeclaration::dispatchedAs);
    }

    /** Orders channel names as a town's deliveries are ordered; names nobody declares come last. */
    public Comparator<String> order() {
        return order;
    }
}
