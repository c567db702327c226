package io.banditore.routing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.kafka.KeyedTopicReader;
import io.banditore.kafka.StateView;
import io.banditore.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** The router's outcome for every alert, rebuilt from routing.v1 at start and kept current from it in every replica. */
@ApplicationScoped
public class RoutingLedger implements StateView {

    private final Map<String, RoutingOutcome> byAlert = new ConcurrentHashMap<>();
    private final KeyedTopicReader reader;

    public RoutingLedger(ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.reader = KeyedTopicReader.ofJson(Topics.ROUTING, kafkaConfig, mapper, RoutingOutcome.class, this::apply);
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
        byAlert.merge(outcome.alertId(), outcome, (old, neu) -> neu.routedAt().isBefore(old.routedAt()) ? old : neu);
    }

    public Optional<RoutingOutcome> find(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
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
