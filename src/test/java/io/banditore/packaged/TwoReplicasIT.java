package io.banditore.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.AtOnce;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.Replica;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two running replicas of the packaged service on one Kafka cluster, as a deployment with two pods has them: the same
 * alert posted to both at once, or approved on one while it is rejected on the other, ends with exactly one winner,
 * a 409 for the other, and the same state on both replicas, in the journal (intake.v1) and on alerts.v1.
 */
class TwoReplicasIT {

    private static final KafkaBrokerResource BROKER = new KafkaBrokerResource();
    private static final ProviderStubsResource PROVIDERS = new ProviderStubsResource();
    private static final TokenKeysResource KEYS = new TokenKeysResource();
    private static Replica a;
    private static Replica b;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void startTwoReplicas() {
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(BROKER.start());
        config.putAll(PROVIDERS.start());
        config.putAll(KEYS.start());
        config.put("banditore.directory.location", Path.of("src/test/resources/directory/test.yaml").toAbsolutePath().toString());
        // The tests' own clients (tokens, provider stubs, topics) read the same configuration as the replicas.
        config.forEach(System::setProperty);
        Providers.answerAsProvidersDo();
        a = Replica.start("replica-a", config);
        b = Replica.start("replica-b", config);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable running : new AutoCloseable[] { b, a }) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // the next one is stopped all the same
            }
        }
        PROVIDERS.stop();
        BROKER.stop();
        KEYS.stop();
    }

    @Test
    void theSameAlertPostedToBothReplicasAtOnceIsAcceptedOnceWithOneContent() throws Exception {
        for (int round = 0; round < 4; round++) {
            ObjectNode first = alert("IT-" + UUID.randomUUID());
            ObjectNode other = first.deepCopy();
            ((ObjectNode) other.path("info").get(0)).put("headline", "Altro testo dello stesso avviso");

            List<Response> answers = AtOnce.together(() -> post(a, first), () -> post(b, other));

            assertThat(answers).extracting(Response::statusCode).as("round %d", round).containsExactlyInAnyOrder(202, 409);
            Response accepted = answers.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow();
            Response refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            String id = accepted.path("id");
            String headline = accepted.path("alert.info[0].headline");

            assertThat(journalOf(id)).as("one alert, one content, in the journal").singleElement()
                    .satisfies(e -> assertThat(e.path("alert").path("info").get(0).path("headline").asText()).isEqualTo(headline));
            for (Replica replica : List.of(a, b)) {
                await(replica.name() + " shows the accepted content").atMost(Duration.ofSeconds(10))
                        .until(() -> view(replica, id), v -> v.statusCode() == 200 && headline.equals(v.path("alert.info[0].headline")));
            }
        }
    }

    @Test
    void approvedOnOneReplicaAndRejectedOnTheOtherAtOnceEndsWithOneWinner() throws Exception {
        for (int round = 0; round < 4; round++) {
            Response posted = post(a, alert("IT-" + UUID.randomUUID()));
            posted.then().statusCode(202);
            String id = posted.path("id");
            await("replica-b sees the pending alert").atMost(Duration.ofSeconds(10)).until(() -> view(b, id).statusCode() == 200);

            List<Response> answers = AtOnce.together(
                    () -> given().baseUri(a.baseUri()).header("Authorization", Tokens.of("giulia.bianchi", "approver"))
                            .post("/api/v1/alerts/" + id + "/approve"),
                    () -> given().baseUri(b.baseUri()).header("Authorization", Tokens.of("paolo.verdi", "approver"))
                            .contentType(ContentType.JSON).body("{\"reason\":\"wrong area\"}").post("/api/v1/alerts/" + id + "/reject"));

            assertThat(answers).extracting(Response::statusCode).as("round %d", round).containsExactlyInAnyOrder(200, 409);
            Response winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            Response loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            String state = winner.path("state");
            assertThat(state).isIn("active", "rejected");
            assertThat(loser.<String>path("detail")).contains("is " + state);

            for (Replica replica : List.of(a, b)) {
                await(replica.name() + " shows " + state).atMost(Duration.ofSeconds(10))
                        .until(() -> view(replica, id), v -> state.equals(v.path("state")));
            }
            assertThat(journalOf(id)).extracting(e -> e.path("revision").asLong() + " " + e.path("state").asText())
                    .as("one record per revision, the last one the winner's").containsExactly("1 pending-approval", "2 " + state);
            long published = KafkaRecords.readCommitted(Topics.ALERTS).stream().filter(r -> r.value().contains("\"id\":\"" + id + "\"")).count();
            assertThat(published).as("on alerts.v1 only if approved").isEqualTo(state.equals("active") ? 1 : 0);
        }
    }

    /** The fixture alert for Ivrea (Telegram only): an Actual that needs a second person's approval. */
    private ObjectNode alert(String identifier) throws Exception {
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", identifier));
        ObjectNode area = (ObjectNode) alert.path("info").get(0).path("area").get(0);
        area.put("areaDesc", "Ivrea");
        area.putArray("geocode").addObject().put("valueName", "ISTAT").put("value", "001125");
        return alert;
    }

    private static Response post(Replica replica, ObjectNode alert) {
        return given().baseUri(replica.baseUri()).header("Authorization", Tokens.of("mario.rossi", "operator"))
                .contentType(ContentType.JSON).body(alert.toString()).post("/api/v1/alerts");
    }

    private static Response view(Replica replica, String id) {
        return given().baseUri(replica.baseUri()).header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/alerts/" + id);
    }

    private List<JsonNode> journalOf(String id) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.readCommitted(Topics.INTAKE)) {
            if (id.equals(record.key())) {
                entries.add(mapper.readTree(record.value()));
            }
        }
        return entries;
    }
}
