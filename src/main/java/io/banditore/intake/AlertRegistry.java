package io.banditore.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.alert.CapStatus;
import io.banditore.alert.Info;
import io.banditore.kafka.HistoryConfig;
import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Tombstones;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Every alert the intake has accepted, rebuilt from the intake journal at start and kept current from it, so that a
 * restart loses nothing and idempotency and approval hold across restarts. An alert is kept until the history's
 * retention after it is over (its last expiry, or its last decision when an info names none); one past it is not kept
 * when read, and is removed with a tombstone on the journal at the next pruning, so that Kafka forgets it too.
 */
@ApplicationScoped
public class AlertRegistry implements StateView {

    /**
     * What a list of alerts asks for; a null field asks for any.
     *
     * @param state the state as the API names it ("pending-approval")
     * @param area  an ISTAT code among the geocodes, or words of an area's description
     * @param since submitted at or after
     */
    public record Query(String state, CapStatus status, String area, Instant since) {

        boolean matches(AlertEntry e) {
            return (state == null || AlertService.stateName(e.state()).equals(state))
                    && (status == null || e.alert().status() == status)
                    && (since == null || !e.submittedAt().isBefore(since))
                    && (area == null || covers(e.alert(), area));
        }

        private static boolean covers(Alert alert, String area) {
            String wanted = area.toLowerCase(Locale.ROOT);
            return alert.info().stream().flatMap(i -> i.area().stream()).anyMatch(a ->
                    a.geocode().stream().anyMatch(g -> area.equals(g.value()))
                            || (a.areaDesc() != null && a.areaDesc().toLowerCase(Locale.ROOT).contains(wanted)));
        }
    }

    private final Map<String, AlertEntry> entries = new ConcurrentHashMap<>();
    /** Alerts read past the retention, whose tombstones the next pruning writes. */
    private final Set<String> passedOver = ConcurrentHashMap.newKeySet();
    private final KeyedTopicReader reader;
    private final Duration retention;
    private final Clock clock;
    private final Tombstones tombstones;

    @Inject
    public AlertRegistry(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, HistoryConfig history,
            Clock clock, Tombstones tombstones) {
        this.retention = history.retention();
        this.clock = clock;
        this.tombstones = tombstones;
        this.reader = KeyedTopicReader.ofJson(Topics.INTAKE, kafkaConfig, mapper, AlertEntry.class, this::apply).onTombstone(this::forget)
                .periodically(history.pruneEvery(), this::prune);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }

    /** Keeps the newer revision: the journal read back and the local write may arrive in either order. */
    public void apply(AlertEntry entry) {
        if (past(entry, clock.instant())) {
            entries.remove(entry.id());
            passedOver.add(entry.id());
            return;
        }
        passedOver.remove(entry.id()); // a later revision within the retention: no tombstone for it
        entries.merge(entry.id(), entry, (old, neu) -> neu.revision() > old.revision() ? neu : old);
    }

    /** When the alert is over: its last expiry, or its last decision (or its submission) when an info names no expiry. */
    static Instant over(AlertEntry entry) {
        List<Info> info = entry.alert().info();
        if (!info.isEmpty() && info.stream().allMatch(i -> i.expires() != null)) {
            return info.stream().map(i -> i.expires().toInstant()).max(Comparator.naturalOrder()).orElseThrow();
        }
        return entry.decidedAt() != null ? entry.decidedAt() : entry.submittedAt();
    }

    private boolean past(AlertEntry entry, Instant now) {
        Instant over = over(entry);
        return over != null && over.plus(retention).isBefore(now);
    }

    private void forget(String id) {
        entries.remove(id);
    }

    /**
     * Removes the alerts past the retention and writes their tombstones on the journal (with those read past it);
     * by the view's thread once caught up and every banditore.history.prune-every, in every replica. Returns how many alerts it let go of.
     */
    public int prune() {
        Instant now = clock.instant();
        Set<String> past = new java.util.HashSet<>(passedOver);
        entries.values().stream().filter(entry -> past(entry, now)).forEach(entry -> past.add(entry.id()));
        // Let go of what Kafka will forget too; a tombstone not written is tried again next time.
        Set<String> gone = tombstones.write(Topics.INTAKE, past);
        gone.forEach(entries::remove);
        passedOver.removeAll(gone);
        return gone.size();
    }

    public Optional<AlertEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The alerts an Update or Cancel refers to, as they were published, for those known here. */
    public List<Alert> referencedBy(Alert alert) {
        return alert.referencedAlerts().stream().map(ref -> find(AlertIds.of(ref.sender(), ref.identifier())))
                .flatMap(Optional::stream).map(AlertEntry::alert).toList();
    }

    /** The alerts the query asks for, newest first. */
    public List<AlertEntry> matching(Query query) {
        return entries.values().stream().filter(query::matches)
                .sorted(Comparator.comparing(AlertEntry::submittedAt).reversed())
                .toList();
    }

    public Collection<AlertEntry> all() {
        return entries.values();
    }

    /** True once the journal has been read up to these offsets (its ends, as the decider asks for them). */
    public boolean hasRead(Map<TopicPartition, Long> offsets) {
        return reader.hasReached(offsets);
    }

    @Override
    public String topic() {
        return Topics.INTAKE;
    }

    /** True once the journal has been read up to where it stood at start. */
    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }
}
