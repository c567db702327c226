package io.banditore.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.Area;
import io.banditore.alert.Info;
import io.banditore.alert.MsgType;
import io.banditore.alert.Scope;
import io.banditore.directory.Gazetteer;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.intake.AlertEntry;
import io.banditore.intake.AlertRegistry;
import io.banditore.intake.AlertState;
import io.banditore.routing.RoutingLedger;

/**
 * Which alerts the public may read: published, public in scope, Alert, Update or Cancel, and never Draft or System.
 * A feed holds those still in force: not expired, withdrawn or superseded, and a Cancel until what it withdraws would
 * have expired, so that a reader who saw the alert also sees it withdrawn.
 */
@ApplicationScoped
public class PublicAlerts {

    private static final Set<AlertState> DECIDED = EnumSet.of(AlertState.ACTIVE, AlertState.UPDATED, AlertState.CANCELLED,
            AlertState.EXPIRED);

    private final AlertRegistry registry;
    private final Gazetteer gazetteer;
    private final RoutingLedger routing;
    private final TargetDirectory directory;

    public PublicAlerts(AlertRegistry registry, Gazetteer gazetteer, RoutingLedger routing, TargetDirectory directory) {
        this.registry = registry;
        this.gazetteer = gazetteer;
        this.routing = routing;
        this.directory = directory;
    }

    /** The CAP message behind a feed's link, if it is one the public may read (expired and withdrawn ones included). */
    public Optional<Alert> document(String id) {
        return registry.find(id).filter(PublicAlerts::isPublic).map(AlertEntry::alert);
    }

    /** The alerts of one feed in force at {@code now}, newest first, those concerning {@code area} (an ISTAT code) when given. */
    public List<FeedItem> inForce(FeedKind kind, String area, Instant now) {
        return registry.all().stream()
                .filter(e -> isPublic(e) && kind.takes(e.alert().status()))
                .map(e -> inForce(e, now))
                .flatMap(Optional::stream)
                .filter(item -> area == null || concerns(item, area))
                .sorted(FeedItem.NEWEST_FIRST)
                .toList();
    }

    /** When anything last happened to an alert of this feed: the feed's updated time when no entry says otherwise. */
    public Instant lastChange(FeedKind kind) {
        return registry.all().stream()
                .filter(e -> isPublic(e) && kind.takes(e.alert().status()))
                .map(e -> e.decidedAt() != null ? e.decidedAt() : e.submittedAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    /** True once the intake journal and the routing view are read: before that, an empty feed would be a false all-clear. */
    public boolean ready() {
        return registry.caughtUp() && routing.caughtUp();
    }

    /** True for an ISTAT code the gazetteer knows: a comune, a province or a region. */
    public boolean knowsArea(String code) {
        return !gazetteer.withAncestors(code).isEmpty();
    }

    private static boolean isPublic(AlertEntry e) {
        Alert a = e.alert();
        // What may reach a town's channels is what the public may read here: the alert model's one rule.
        return e.published() && DECIDED.contains(e.state()) && a.scope() == Scope.Public && a.reachesPublicChannels();
    }

    private Optional<FeedItem> inForce(AlertEntry e, Instant now) {
        Alert alert = e.alert();
        Instant sent = alert.sent().toInstant().truncatedTo(ChronoUnit.SECONDS);
        if (alert.msgType() != MsgType.Cancel) {
            // An updated alert gives way to its Update, which is in the feed itself; a cancelled one to its Cancel.
            boolean current = e.state() == AlertState.ACTIVE && !alert.isExpiredAt(now);
            return current ? Optional.of(new FeedItem(e.id(), alert, alert.info(), sent)) : Optional.empty();
        }
        if (e.state() != AlertState.ACTIVE && e.state() != AlertState.EXPIRED) {
            return Optional.empty();
        }
        List<Info> withdrawn = withdrawnInfos(alert);
        List<Info> bounding = withdrawn.isEmpty() ? alert.info() : withdrawn;
        Optional<Instant> until = latestExpiry(bounding);
        if (until.isPresent() && !now.isBefore(until.get())) {
            return Optional.empty();
        }
        return Optional.of(new FeedItem(e.id(), alert, alert.info().isEmpty() ? withdrawn : alert.info(), sent));
    }

    /** The info blocks of the alerts a Cancel or Update references, as far as the registry knows them. */
    private List<Info> withdrawnInfos(Alert alert) {
        List<Info> infos = new ArrayList<>();
        alert.referencedAlerts().stream()
                .map(r -> registry.find(AlertIds.of(r.sender(), r.identifier())))
                .flatMap(Optional::stream)
                .forEach(r -> infos.addAll(r.alert().info()));
        return infos;
    }

    /** The last expiry among the blocks, or empty when one of them never expires (or there are none). */
    private static Optional<Instant> latestExpiry(List<Info> infos) {
        if (infos.isEmpty() || infos.stream().anyMatch(i -> i.expires() == null)) {
            return Optional.empty();
        }
        return infos.stream().map(Info::expires).map(OffsetDateTime::toInstant).max(Instant::compareTo);
    }

    /**
     * An alert concerns an area when one of its ISTAT geocodes lies in it or contains it (an alert for province 001
     * concerns Chivasso, 001082, and region 01), or when the router took it to a town there (alerts drawn as polygons
     * or circles).
     */
    private boolean concerns(FeedItem item, String area) {
        List<String> areaAndAncestors = gazetteer.withAncestors(area);
        Stream<String> geocodes = item.infos().stream().flatMap(i -> i.area().stream()).flatMap(PublicAlerts::istatCodes);
        Stream<String> routed = Stream.concat(Stream.of(item.id()),
                        item.alert().referencedAlerts().stream().map(r -> AlertIds.of(r.sender(), r.identifier())))
                .map(routing::find).flatMap(Optional::stream)
                .flatMap(o -> o.targets().stream())
                .map(directory::find).flatMap(Optional::stream)
                .map(Target::place);
        return Stream.concat(geocodes, routed).filter(Objects::nonNull)
                .anyMatch(code -> areaAndAncestors.contains(code) || gazetteer.withAncestors(code).contains(area));
    }

    private static Stream<String> istatCodes(Area area) {
        return area.geocode().stream().filter(g -> "ISTAT".equals(g.valueName() == null ? null : g.valueName().toUpperCase(Locale.ROOT)))
                .map(g -> g.value() == null ? null : g.value().trim());
    }
}
