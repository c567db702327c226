package io.banditore.acceptance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertEvents;
import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.InjectBrokerStart;
import io.banditore.support.InjectBrokerStop;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The broker stops in the middle of a decision, after its journal entry and audit records were sent and before its
 * alert on alerts.v1: afterwards there is all of the decision or none of it, and posting the same alert again
 * finishes the job, once.
 */
@QuarkusTest
@TestProfile(DecisionAtomicityIT.BrokerStopsMidDecision.class)
// A broker of its own (the init arg makes it a separate resource): this test stops and restarts it.
@WithTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = "purpose", value = "atomicity"))
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class DecisionAtomicityIT {

    /** Run once, inside the next decision's transaction, just before its alert is written to alerts.v1. */
    static final AtomicReference<Runnable> BEFORE_NEXT_PUBLICATION = new AtomicReference<>();

    public static class BrokerStopsMidDecision implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FaultyAlertEvents.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class FaultyAlertEvents extends AlertEvents {
        @jakarta.inject.Inject
        public FaultyAlertEvents(ObjectMapper mapper, Clock clock) {
            super(mapper, clock);
        }

        // For the client proxy of a normal-scoped bean.
        protected FaultyAlertEvents() {
            super(null, null);
        }

        @Override
        public byte[] published(String source, String alertId, Alert alert) {
            Runnable fault = BEFORE_NEXT_PUBLICATION.getAndSet(null);
            if (fault != null) {
                fault.run();
            }
            return super.published(source, alertId, alert);
        }
    }

    @InjectBrokerStop
    Runnable stopBroker;

    @InjectBrokerStart
    Runnable startBroker;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aBrokerStopBetweenWritesLeavesAllOrNothingAndARetryFinishesTheJob() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        alert.put("status", "Exercise");
        BEFORE_NEXT_PUBLICATION.set(stopBroker);

        Response during = Api.post(alert.toString(), "mario.rossi");
        assertThat(during.statusCode()).as("answered while Kafka is gone").isEqualTo(503);
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(BEFORE_NEXT_PUBLICATION.get()).as("the broker was stopped mid-decision").isNull();

        startBroker.run();
        // All or nothing, whatever the decider has done by now: never the journal without the alert, or the reverse.
        Response retried = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Api.post(alert.toString(), "mario.rossi"), r -> r.statusCode() == 200 || r.statusCode() == 202);
        String id = retried.path("id");
        assertThat(retried.<String>path("state")).isEqualTo("active");
        assertThat(retried.<Boolean>path("published")).isTrue();

        String alertId = id;
        List<ConsumerRecord<String, String>> journal = KafkaRecords.readCommitted(Topics.INTAKE).stream()
                .filter(r -> alertId.equals(r.key())).toList();
        assertThat(journal).as("the journal has the alert once, published").singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"published\":true").contains("\"revision\":1"));
        assertThat(KafkaRecords.readCommitted(Topics.ALERTS).stream().filter(r -> r.value().contains("\"id\":\"" + alertId + "\"")))
                .as("alerts.v1 has it once").hasSize(1);
        assertThat(KafkaRecords.readCommitted(Topics.AUDIT).stream().filter(r -> alertId.equals(r.key())).map(r -> read(r.value())))
                .as("audited once").containsExactly("submitted", "published");
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(retried.header("Location") + "/audit").then()
                .body("action", org.hamcrest.Matchers.contains("submitted", "published"));
    }

    private String read(String json) {
        try {
            return mapper.readTree(json).path("action").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
