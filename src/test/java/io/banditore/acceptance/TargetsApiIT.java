package io.banditore.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
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
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** An admin adds a town at run time; the router reaches it; mistakes are refused field by field; an alert for no town is flagged. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TargetsApiIT {

    private static final String CAGLIARI = """
            {"name": "Comune di Cagliari", "istat": "092009", "coordinates": {"lat": 39.2238, "lon": 9.1217},
             "acceptsTests": true, "channels": {"telegram": {"chat": "@comunecagliari", "credentials": "cagliari"}}}
            """;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @AfterEach
    void removeRunTimeTargets() {
        given().header("Authorization", Tokens.of("anna", "admin")).delete("/api/v1/targets/cagliari");
    }

    @Test
    void anAdminAddsATownAndTheNextAlertReachesIt() throws Exception {
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON).body(CAGLIARI)
                .put("/api/v1/targets/cagliari")
                .then().statusCode(200).body("source", is("runtime")).body("updatedBy", is("anna"))
                .body("target.id", is("cagliari")).body("target.istat", is("092009"));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/targets")
                .then().statusCode(200).body("id", hasItems("chivasso", "trieste", "torino", "ivrea", "pinerolo", "cagliari"));

        ObjectNode alert = alert("092009");
        alert.put("status", "Exercise");
        Response posted = Api.post(alert.toString(), "mario.rossi");
        List<Map<String, Object>> deliveries = Api.awaitDeliveries(posted.header("Location"), list -> list.size() == 1 && Api.allSettled(list));
        assertThat(deliveries.get(0)).containsEntry("target", "cagliari").containsEntry("channel", "telegram").containsEntry("status", "SENT");
        Providers.telegram().verifyThat(1, postRequestedFor(urlEqualTo("/bot792:test-cagliari/sendMessage")));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(posted.header("Location"))
                .then().body("routing.targets", is(List.of("cagliari"))).body("routing.deliveries", is(1)).body("routing.unmatched", is(false));

        given().header("Authorization", Tokens.of("anna", "admin")).delete("/api/v1/targets/cagliari").then().statusCode(204);
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/targets")
                .then().body("id", not(hasItem("cagliari")));
    }

    @Test
    void aReplacedFileTargetComesBackWhenTheReplacementIsDeleted() {
        given().header("Authorization", Tokens.of("anna", "admin")).delete("/api/v1/targets/trieste")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("directory file"));
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON)
                .body("{\"name\": \"Comune di Trieste\", \"istat\": \"032006\", \"channels\": {\"telegram\": {\"chat\": \"@comuneditrieste\", \"credentials\": \"trieste\"}, \"x\": {\"account\": \"comuneditrieste\", \"credentials\": \"trieste\"}}}")
                .put("/api/v1/targets/trieste")
                .then().statusCode(200).body("source", is("override")).body("target.channels.x.account", is("comuneditrieste"));
        given().header("Authorization", Tokens.of("anna", "admin")).delete("/api/v1/targets/trieste").then().statusCode(204);
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/targets/trieste")
                .then().statusCode(200).body("source", is("file")).body("target.channels.x", is((Object) null));
    }

    @Test
    void aTargetWithMistakesIsRefusedWithAPointerPerField() {
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON)
                .body("""
                        {"id": "cagliari-2", "istat": "92009", "coordinates": {"lat": 9.12, "lon": 39.22},
                         "channels": {"telegram": {"chat": "comunecagliari"}, "facebook": {"account": "x", "credentials": "c"}}}""")
                .put("/api/v1/targets/cagliari")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", is(422))
                .body("errors.pointer", hasItems("/id", "/istat", "/coordinates/lat", "/coordinates/lon", "/channels/facebook",
                        "/channels/telegram/credentials", "/channels/telegram/chat"))
                .body("errors.find { it.pointer == '/istat' }.detail", containsString("not the ISTAT code of a comune"));
        given().header("Authorization", Tokens.of("anna", "admin")).contentType(ContentType.JSON)
                .body("{\"istat\": \"092009\", \"chanels\": {}}").put("/api/v1/targets/cagliari")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", is("/chanels"));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/targets/cagliari").then().statusCode(404);
    }

    @Test
    void onlyAnAdminChangesTheDirectory() {
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON).body(CAGLIARI)
                .put("/api/v1/targets/cagliari").then().statusCode(403);
        given().contentType(ContentType.JSON).body(CAGLIARI).put("/api/v1/targets/cagliari").then().statusCode(401);
        given().header("Authorization", Tokens.of("oncall", "viewer")).delete("/api/v1/targets/chivasso").then().statusCode(403);
    }

    @Test
    void anAlertForNoConfiguredTownIsFlaggedNotDropped() throws Exception {
        double before = unmatchedCount();
        ObjectNode alert = alert("082053"); // Palermo: no town of Sicily in the directory
        alert.put("status", "Exercise");
        Response posted = Api.post(alert.toString(), "mario.rossi");
        posted.then().statusCode(202).body("published", is(true));
        String location = posted.header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", Tokens.of("oncall", "viewer"))
                .get(location).then().statusCode(200).body("routing.unmatched", is(true)).body("routing.deliveries", is(0)));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("area", "082053").get("/api/v1/alerts")
                .then().body("find { it.identifier == '" + alert.path("identifier").asText() + "' }.routing.unmatched", is(true));
        assertThat(unmatchedCount()).isEqualTo(before + 1);
        assertThat(Api.deliveries(location)).isEmpty();
    }

    private double unmatchedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("banditore_router_unmatched_total"))
                .map(l -> l.replaceFirst(" # \\{.*", "")) // an exemplar (the trace of a sample) follows the value
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private ObjectNode alert(String istat) throws Exception {
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode").addObject().put("valueName", "ISTAT").put("value", istat);
        return alert;
    }
}
