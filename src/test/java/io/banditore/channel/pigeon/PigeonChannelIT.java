package io.banditore.channel.pigeon;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A channel that exists only in this package (its declaration, its publisher and its dispatch consumer), with no line
 * of it anywhere else: the directory checks its accounts, the preview shows it, the router orders its deliveries on
 * its own topic, its dispatcher makes them, and an operator's retry queues one again.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class PigeonChannelIT {

    /** Bari: a town no other test's directory names, with a loft and nothing else. */
    private static final String BARI = """
            {"name": "Comune di Bari", "istat": "072006", "acceptsTests": true,
             "channels": {"pigeon": {"account": "%s", "credentials": "bari-loft"}}}
            """;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void addBari() {
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON).body(BARI.formatted("barivecchia"))
                .put("/api/v1/targets/bari").then().statusCode(200);
    }

    @AfterEach
    void removeBari() {
        given().header("Authorization", Tokens.of("anna", "admin")).delete("/api/v1/targets/bari");
    }

    @Test
    void theDirectoryChecksAPigeonAccountByThePigeonsRules() {
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON).body(BARI.formatted("Bari Vecchia"))
                .put("/api/v1/targets/bari")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/channels/pigeon/account"));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/targets/bari")
                .then().statusCode(200).body("target.channels.pigeon.account", is("barivecchia"));
    }

    @Test
    void thePreviewShowsThePigeonsNoteWithoutSendingIt() throws Exception {
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        alert.put("status", "Exercise");
        ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode").addObject().put("valueName", "ISTAT").put("value", "072006");
        List<Map<String, Object>> previews = given().header("Authorization", Tokens.of("mario.rossi", "operator"))
                .contentType(ContentType.JSON).body(alert.toString()).post("/api/v1/alerts/preview")
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(previews).extracting(p -> p.get("target") + "/" + p.get("channel") + "/" + p.get("wouldPublish"))
                .containsExactly("bari/pigeon/true");
        assertThat(previews.get(0).get("parts")).asList().singleElement().asString()
                .startsWith("[ESERCITAZIONE").contains("Allerta arancione per piogge intense");
        assertThat(Loft.received("barivecchia")).isEmpty();
    }

    @Test
    void anAlertReachesTheLoftOnceAndAFailedDeliveryIsRetriedByAnOperator() {
        String location = Api.postExercise(a -> { }, "072006");
        Map<String, Object> sent = Api.awaitSettled(location, PigeonDeclaration.NAME, "bari");
        assertThat(sent).containsEntry("status", "SENT");
        assertThat(Api.deliveries(location)).extracting(d -> d.get("channel")).containsExactly("pigeon");
        assertThat(Loft.received("barivecchia")).singleElement().satisfies(r -> {
            assertThat(r.text()).startsWith("[ESERCITAZIONE").contains("Allerta arancione per piogge intense");
            assertThat(sent).containsEntry("providerMessageId", r.id());
        });

        // The loft turns the next pigeon away: the delivery fails for good, until an operator queues it again.
        Loft.refuseNext(1);
        String second = Api.postExercise(a -> ((ObjectNode) a.path("info").get(0)).put("headline", "Seconda allerta per piogge"), "072006");
        Map<String, Object> failed = Api.awaitSettled(second, PigeonDeclaration.NAME, "bari");
        assertThat(failed).containsEntry("status", "FAILED");
        assertThat(Loft.received("barivecchia")).hasSize(1);

        given().header("Authorization", Tokens.of("mario.rossi", "operator")).post("/api/v1/deliveries/" + failed.get("deliveryId") + "/retry")
                .then().statusCode(202).body("status", is("QUEUED"));
        Api.awaitDelivery(second, PigeonDeclaration.NAME, "bari", d -> "SENT".equals(d.get("status")));
        assertThat(Loft.received("barivecchia")).hasSize(2).last().satisfies(r -> assertThat(r.text()).contains("Seconda allerta per piogge"));
    }
}
