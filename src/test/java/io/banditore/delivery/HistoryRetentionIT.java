package io.banditore.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.intake.AlertRegistry;
import io.banditore.kafka.Topics;
import io.banditore.routing.RoutingLedger;
import io.banditore.support.AlertFixtures;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The views keep what is over for the history's retention (banditore.history.retention, 30 days) and no longer: a
 * year of history on the topics costs reading time, not memory, and what passes the retention gets a tombstone so
 * that Kafka forgets it too. Records are written on the topics as another replica would have written them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class HistoryRetentionIT {

    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Inject
    ObjectMapper mapper;
    @Inject
    DeliveryLedger ledger;
    @Inject
    AlertRegistry registry;
    @Inject
    RoutingLedger routing;

    @Test
    void aDeliveryOverForLongerThanTheRetentionIsNotKept() throws Exception {
        String old = produceStatus(Instant.now().minus(40, ChronoUnit.DAYS));
        String recent = produceStatus(Instant.now().minus(1, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(recent).isPresent());
        // The old one may sit on another partition and be read a moment later: it must never be kept.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> ledger.find(old).isEmpty());
        given().header("Authorization", Tokens.of("vera", "viewer")).get("/api/v1/deliveries/" + old).then().statusCode(404);
        given().header("Authorization", Tokens.of("vera", "viewer")).get("/api/v1/deliveries/" + recent).then().statusCode(200);
    }

    @Test
    void aStatusWrittenLongerAgoThanTheRetentionIsNotKept() throws Exception {
        // As a year of history is: each record stamped when it was written, the status's own time.
        Instant at = Instant.now().minus(40, ChronoUnit.DAYS);
        String old = produceStatus(at, true);
        String recent = produceStatus(Instant.now().minus(1, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(recent).isPresent());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> ledger.find(old).isEmpty());
    }

    @Test
    void aDeliveryThatPassesTheRetentionWhileKeptIsRemovedWithATombstone() throws Exception {
        // Within the retention by three seconds when it is read.
        String passing = produceStatus(Instant.now().minus(30, ChronoUnit.DAYS).plusSeconds(3));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(passing).isPresent());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ledger.prune();
            return ledger.find(passing).isEmpty();
        });
        assertThat(KafkaRecords.awaitRecords(Topics.DELIVERIES, r -> r.key().equals(passing) && r.value() == null))
                .as("a tombstone for %s on %s", passing, Topics.DELIVERIES).isNotEmpty();
        given().header("Authorization", Tokens.of("vera", "viewer")).get("/api/v1/deliveries/" + passing).then().statusCode(404);
    }

    @Test
    void anAlertOverForLongerThanTheRetentionIsForgottenWithATombstone() throws Exception {
        String old = produceAlert(Instant.now().minus(40, ChronoUnit.DAYS));
        String recent = produceAlert(Instant.now().minus(1, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.find(recent).isPresent());
        assertThat(registry.find(old)).as("an alert that expired 40 days ago").isEmpty();

        registry.prune();
        assertThat(KafkaRecords.awaitRecords(Topics.INTAKE, r -> r.key().equals(old) && r.value() == null))
                .as("a tombstone for %s on %s", old, Topics.INTAKE).isNotEmpty();
        assertThat(registry.find(recent)).as("an alert that expired yesterday is kept, and gets no tombstone").isPresent();
        assertThat(KafkaRecords.readCommitted(Topics.INTAKE)).noneMatch(r -> r.key().equals(recent) && r.value() == null);
    }

    @Test
    void aRoutingOutcomeOlderThanTheRetentionIsForgottenWithATombstone() throws Exception {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        KafkaRecords.produce(Topics.ROUTING, old, outcome(old, Instant.now().minus(40, ChronoUnit.DAYS)));
        KafkaRecords.produce(Topics.ROUTING, recent, outcome(recent, Instant.now().minus(1, ChronoUnit.DAYS)));
        await().atMost(Duration.ofSeconds(20)).until(() -> routing.find(recent).isPresent());
        assertThat(routing.find(old)).isEmpty();

        routing.prune();
        assertThat(KafkaRecords.awaitRecords(Topics.ROUTING, r -> r.key().equals(old) && r.value() == null)).isNotEmpty();
        assertThat(routing.find(recent)).isPresent();
    }

    private String produceStatus(Instant at) throws Exception {
        return produceStatus(at, false);
    }

    /**
     * A SENT status last changed at {@code at}, on deliveries.v1 under its delivery id (stamped as written at
     * {@code at}, or now); returns the id.
     */
    private String produceStatus(Instant at, boolean writtenThen) throws Exception {
        String alertId = UUID.randomUUID().toString();
        String id = alertId + ":telegram:chivasso";
        DeliveryStatus sent = DeliveryStatus.queued(id, alertId, "IT-history", "telegram", "chivasso", at)
                .attempt(1, at).partSent("1", "https://t.me/c/1", at);
        if (writtenThen) {
            KafkaRecords.produce(Topics.DELIVERIES, id, mapper.writeValueAsString(sent), at);
        } else {
            KafkaRecords.produce(Topics.DELIVERIES, id, mapper.writeValueAsString(sent));
        }
        return id;
    }

    /** An alert that was published and expired at {@code expired}, on the intake journal; returns its id. */
    private String produceAlert(Instant expired) throws Exception {
        String identifier = "HISTORY-" + UUID.randomUUID();
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", identifier));
        String sent = expired.minus(6, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC).format(CAP_TIME);
        alert.put("sent", sent);
        for (JsonNode info : alert.path("info")) {
            ObjectNode i = (ObjectNode) info;
            i.remove("onset");
            i.put("effective", sent);
            i.put("expires", expired.atOffset(ZoneOffset.UTC).format(CAP_TIME));
        }
        String id = UUID.randomUUID().toString();
        ObjectNode entry = mapper.createObjectNode();
        entry.put("id", id).set("alert", alert);
        entry.put("state", "expired").put("submittedBy", "olga").put("submittedAt", expired.minus(6, ChronoUnit.HOURS).toString())
                .put("decidedBy", "paolo").put("decidedAt", expired.minus(6, ChronoUnit.HOURS).toString()).put("contentHash", "0".repeat(64))
                .put("published", true).put("revision", 2);
        KafkaRecords.produce(Topics.INTAKE, id, entry.toString());
        return id;
    }

    private String outcome(String alertId, Instant routedAt) throws Exception {
        ObjectNode outcome = mapper.createObjectNode();
        outcome.put("alertId", alertId).put("identifier", "IT-history").put("deliveries", 3).put("unmatched", false)
                .put("routedAt", routedAt.toString());
        outcome.putArray("targets").add("chivasso");
        return outcome.toString();
    }
}
