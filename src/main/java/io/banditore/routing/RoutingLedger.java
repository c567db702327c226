package io.banditore.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.intake.AlertRouting;
import io.banditore.kafka.HistoryConfig;
import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Tombstones;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The router's outcome for every alert, rebuilt from routing.v1 at start and kept current from it in every replica;
 * each kept until the history's retention after it was routed, then removed with a tombstone on routing.v1.
 */
@ApplicationScoped
public class RoutingLedger implements StateView, AlertRouting {

    private final Map<String, RoutingOutcome> byAlert = new ConcurrentHashMap<>();
    /** Outcomes read past the retention, whose tombstones the next pruning writes. */
    private final Set<String> passedOver = ConcurrentHashMap.newKeySet();
    private final KeyedTopicReader reader;
    private final Duration retention;
    private final Clock clock;
    private final Tombstones tombstones;

    public RoutingLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, HistoryConfig history,
            Clock clock, Tombstones tombstones) {
        this.retention = history.retention();
        this.clock = clock;
        this.tombstones = tombstones;
        this.reader = KeyedTopicReader.ofJson(Topics.ROUTING, kafkaConfig, mapper, RoutingOutcome.class, this::apply)
                .onTombstone(byAlert::remove).periodically(history.pruneEvery(), this::prune);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }


    /** The later routing of an alert (a redelivered alert is routed again) replaces the earlier. */
    public void apply(RoutingOutcome outcome) {
        if (past(outcome, clock.instant())) {
            byAlert.remove(outcome.alertId());
            passedOver.add(outcome.alertId());
            return;
        }
        passedOver.remove(outcome.alertId()); // a later revision within the retention: no tombstone for it
        byAlert.merge(outcome.alertId(), outcome, (old, neu) -> neu.routedAt().isBefore(old.routedAt()) ? old : neu);
    }

    private boolean past(RoutingOutcome outcome, Instant now) {
        return outcome.routedAt() != null && outcome.routedAt().plus(retention).isBefore(now);
    }

    /** Removes the outcomes past the retention and writes their tombstones; by the view's thread, every banditore.history.prune-every. */
    public int prune() {
        Instant now = clock.instant();
        Set<String> past = new HashSet<>(passedOver);
        byAlert.values().stream().filter(outcome -> past(outcome, now)).forEach(outcome -> past.add(outcome.alertId()));
        // Let go of what Kafka will forget too; a tombstone not written is tried again next time.
        Set<String> gone = tombstones.write(Topics.ROUTING, past);
        gone.forEach(byAlert::remove);
        passedOver.removeAll(gone);
        return gone.size();
    }

    public Optional<RoutingOutcome> find(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
    }

    @Override
    public Optional<RoutingOutcome> routingOf(String alertId) {
        return find(alertId);
    }

    @Override
    public String topic() {
        return Topics.ROUTING;
    }

    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }
}
