package io.banditore.routing;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.intake.AlertIds;

/**
 * Which towns an alert goes to, and why a town would not get it: the one answer the router and the preview share.
 */
@ApplicationScoped
public class Fanout {

    private final AreaMatcher matcher;
    private final TargetDirectory directory;
    private final DeliveryLedger ledger;

    public Fanout(AreaMatcher matcher, TargetDirectory directory, DeliveryLedger ledger) {
        this.matcher = matcher;
        this.directory = directory;
        this.ledger = ledger;
    }

    /**
     * The towns of the alert's areas. A Cancel goes only where the alerts it withdraws went, so that it can never
     * reach a town as news; an Update or Cancel without areas does the same.
     */
    public List<Target> targets(Alert alert) {
        boolean hasAreas = alert.info().stream().anyMatch(i -> !i.area().isEmpty());
        return alert.msgType() == MsgType.Cancel || !hasAreas ? targetsReached(alert) : matcher.targetsOf(alert);
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

    private List<Target> targetsReached(Alert alert) {
        Set<String> targetIds = new LinkedHashSet<>();
        for (Reference ref : alert.referencedAlerts()) {
            ledger.ofAlert(AlertIds.of(ref.sender(), ref.identifier())).forEach(d -> targetIds.add(d.target()));
        }
        return targetIds.stream().map(directory::find).flatMap(Optional::stream).toList();
    }
}
