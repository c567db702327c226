package io.banditore.acceptance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.AtOnce;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two decisions on one alert fired at the same moment: exactly one wins, the other is told what happened, and the
 * API, the journal (intake.v1) and alerts.v1 say the same afterwards.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class IntakeDecisionsIT {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void approveAndRejectFiredTogetherEndWithOneWinnerAndOneConflict() throws Exception {
        for (int round = 0; round < 6; round++) {
            Response posted = Api.post(AlertFixtures.json("chivasso-rain-actual.json"), "mario.rossi");
            posted.then().statusCode(202);
            String location = posted.header("Location");
            String id = posted.path("id");

            List<Response> answers = AtOnce.together(
                    () -> Api.approve(location, "giulia.bianchi"),
                    () -> given().header("Authorization", Tokens.of("paolo.verdi", "approver")).contentType(ContentType.JSON)
                            .body("{\"reason\":\"wrong area\"}").post(location + "/reject"));

            assertThat(answers).extracting(Response::statusCode).as("round %d", round).containsExactlyInAnyOrder(200, 409);
            Response winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            Response loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            String state = winner.path("state");
            assertThat(state).isIn("active", "rejected");
            assertThat(loser.contentType()).startsWith("application/problem+json");
            assertThat(loser.<String>path("detail")).contains("is " + state);

            given().header("Authorization", Tokens.of("oncall", "viewer")).get(location).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.is(state));
            List<JsonNode> journal = journalOf(id);
            assertThat(journal).extracting(e -> e.path("revision").asLong()).as("one record per revision").containsExactly(1L, 2L);
            assertThat(journal.get(1).path("state").asText()).isEqualTo(state);
            long published = KafkaRecords.readCommitted(Topics.ALERTS).stream().filter(r -> r.value().contains("\"id\":\"" + id + "\"")).count();
            assertThat(published).as("on alerts.v1 only if approved").isEqualTo(state.equals("active") ? 1 : 0);
            List<String> audit = given().header("Authorization", Tokens.of("oncall", "viewer")).get(location + "/audit")
                    .then().extract().jsonPath().getList("action");
            assertThat(audit).containsExactlyElementsOf(state.equals("active") ? List.of("submitted", "approved", "published")
                    : List.of("submitted", "rejected"));
        }
    }

    @Test
    void theSameIdentifierPostedTwiceAtOnceIsAcceptedOnce() throws Exception {
        String identifier = "IT-" + java.util.UUID.randomUUID();
        ObjectNode first = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", identifier));
        ObjectNode other = first.deepCopy();
        ((ObjectNode) other.path("info").get(0)).put("headline", "Altro testo");

        List<Response> answers = AtOnce.together(() -> Api.post(first.toString(), "mario.rossi"), () -> Api.post(other.toString(), "mario.rossi"));

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(202, 409);
        Response accepted = answers.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow();
        String id = accepted.path("id");
        List<JsonNode> journal = journalOf(id);
        assertThat(journal).as("one alert, one content").singleElement()
                .satisfies(e -> assertThat(e.path("alert").path("info").get(0).path("headline").asText())
                        .isEqualTo(accepted.<String>path("alert.info[0].headline")));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(accepted.header("Location")).then()
                .body("alert.info[0].headline", org.hamcrest.Matchers.is(accepted.<String>path("alert.info[0].headline")));
    }

    private List<JsonNode> journalOf(String id) {
        List<JsonNode> entries = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.readCommitted(Topics.INTAKE)) {
            if (id.equals(record.key())) {
                entries.add(read(record.value()));
            }
        }
        return entries;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

}
