package io.banditore.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.directory.DeclaredChannels;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;

/**
 * Which towns an alert goes to, and why a town would not get it: the one answer the router and the preview share.
 */
@ApplicationScoped
public class Fanout {

    private final AreaMatcher matcher;
    private final TargetDirectory directory;
    private final DeliveryLedger ledger;
    /** Every channel a town's deliveries can be made on, in their order. */
    private final DeclaredChannels channels;

    public Fanout(AreaMatcher matcher, TargetDirectory directory, DeliveryLedger ledger, DeclaredChannels channels) {
        this.matcher = matcher;
        this.directory = directory;
        this.ledger = ledger;
        this.channels = channels;
    }

    /** The towns the alert goes to (those of its destinations, in order). */
    public List<Target> targets(Alert alert) {
        Map<String, Target> towns = new LinkedHashMap<>();
        destinations(alert).forEach(d -> towns.putIfAbsent(d.target().id(), d.target()));
        return List.copyOf(towns.values());
    }

    /**
     * Where the alert goes, town by town and channel by channel. A plain alert: every channel of every town its
     * areas cover. An Update or Cancel goes exactly where the alerts it references went (each town and channel
     * where one was SENT, was under way, or had a part posted), never where one was skipped or failed; an
     * Update with areas also reaches the towns it adds (as new, on all their channels), and the towns it drops
     * are told so on the channels they got the alert on.
     */
    public List<Destination> destinations(Alert alert) {
        if (alert.referencedAlerts().isEmpty()) {
            return everyChannel(matcher.targetsOf(alert));
        }
        Map<String, Set<String>> reached = reached(alert);
        boolean hasAreas = alert.info().stream().anyMatch(i -> !i.area().isEmpty());
        Set<String> inArea = alert.msgType() == MsgType.Update && hasAreas
                ? matcher.targetsOf(alert).stream().map(Target::id).collect(Collectors.toCollection(LinkedHashSet::new))
                : null;
        List<Destination> destinations = new ArrayList<>();
        reached.forEach((townId, reachedOn) -> directory.find(townId).ifPresent(town -> reachedOn.stream()
                .filter(channel -> town.account(channel).isPresent())
                .forEach(channel -> destinations.add(new Destination(town, channel, inArea != null && !inArea.contains(townId))))));
        if (inArea != null) {
            List<Target> added = inArea.stream().filter(id -> !reached.containsKey(id)).map(directory::find).flatMap(Optional::stream).toList();
            destinations.addAll(everyChannel(added));
        }
        return destinations;
    }

    /**
     * Whether the alert goes to this town on any channel: {@link #destinations} for one town, without going through
     * every town of the directory (a video link is fetched once per town of a national alert, and each fetch asks).
     */
    public boolean reaches(Alert alert, Target target) {
        boolean anyAccount = channels.names().stream().anyMatch(channel -> target.account(channel).isPresent());
        if (!anyAccount) {
            return false;
        }
        if (alert.referencedAlerts().isEmpty()) {
            return matcher.covers(alert, target);
        }
        for (Reference ref : alert.referencedAlerts()) {
            String referenced = AlertIds.of(ref.sender(), ref.identifier());
            for (String channel : channels.names()) {
                if (target.account(channel).isPresent()
                        && ledger.find(DeliveryIds.of(referenced, channel, target.id())).filter(Fanout::went).isPresent()) {
                    return true;
                }
            }
        }
        boolean hasAreas = alert.info().stream().anyMatch(i -> !i.area().isEmpty());
        return alert.msgType() == MsgType.Update && hasAreas && matcher.covers(alert, target);
    }

    /** Whether an Update no longer covers a town: it is told so rather than sent the alert as news. */
    public boolean droppedFromArea(Alert alert, Target target) {
        return destinations(alert).stream().anyMatch(d -> d.droppedFromArea() && d.target().id().equals(target.id()));
    }

    /** Why this town would not get the alert on its channels, or empty when it would. */
    public Optional<String> whyNot(Alert alert, Target target, Instant now) {
        if (alert.status().isNeverPublic()) {
            return Optional.of(alert.status() + " alerts are never published on public channels");
        }
        if (alert.isExpiredAt(now)) {
            return Optional.of("expired: the alert's validity has ended");
        }
        if (alert.status().isPractice() && !target.acceptsTests()) {
            return Optional.of("test not wanted: " + target.id() + " does not take " + alert.status() + " messages");
        }
        return Optional.empty();
    }

    /** Town id → channels, where the referenced alerts went. */
    private Map<String, Set<String>> reached(Alert alert) {
        Map<String, Set<String>> reached = new TreeMap<>();
        for (Reference ref : alert.referencedAlerts()) {
            for (DeliveryStatus d : ledger.ofAlert(AlertIds.of(ref.sender(), ref.identifier()))) {
                if (went(d)) {
                    reached.computeIfAbsent(d.target(), k -> new TreeSet<>(channels.order())).add(d.channel());
                }
            }
        }
        return reached;
    }

    /**
     * SENT, still under way (withdrawn by a Cancel or Update while it was: the Update takes its place there), or seen
     * in part by the public (a thread that failed after its first posts), or taken by the provider and never confirmed
     * (a TikTok publish id whose processing nobody saw end).
     */
    static boolean went(DeliveryStatus delivery) {
        return delivery.status() == DeliveryState.SENT || !delivery.status().isFinal() || delivery.partsSent() > 0
                || delivery.pendingId() != null || delivery.withdrawnWhileUnderWay();
    }

    private List<Destination> everyChannel(List<Target> targets) {
        List<Destination> destinations = new ArrayList<>();
        for (Target target : targets) {
            for (String channel : channels.names()) {
                if (target.account(channel).isPresent()) {
                    destinations.add(new Destination(target, channel, false));
                }
            }
        }
        return destinations;
    }
}
