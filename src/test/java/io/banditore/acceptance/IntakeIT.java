package io.banditore.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The intake as operators and approvers meet it: senders, approval, rejection, audit, listing, preview, lifecycle, hostile input. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class IntakeIT {

    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    ObjectMapper appMapper;

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anOperatorPostsOnlyAsASenderTheyMayUse() {
        ObjectNode alert = fixture();
        String prefecture = given().header("Authorization", Tokens.of("anna.bruno", "operator", "comune-chivasso"))
                .contentType(ContentType.JSON).body(alert.toString()).post("/api/v1/alerts")
                .then().statusCode(403).contentType("application/problem+json").extract().path("detail");
        assertThat(prefecture).contains("anna.bruno may not post alerts as sender 'protezionecivile@prefettura.torino.it'");

        alert.put("sender", "protocollo@comune.chivasso.to.it");
        given().header("Authorization", Tokens.of("anna.bruno", "operator", "comune-chivasso"))
                .contentType(ContentType.JSON).body(alert.toString()).post("/api/v1/alerts")
                .then().statusCode(202);
    }

    @Test
    void aRejectedAlertIsNeverPublishedAndTheAuditSaysWhoDidWhat() {
        Response posted = Api.post(fixture().toString(), "mario.rossi");
        String location = posted.header("Location");
        given().header("Authorization", Tokens.of("giulia.bianchi", "approver")).contentType(ContentType.JSON).body("{}")
                .post(location + "/reject").then().statusCode(400).body("errors[0].pointer", is("/reason"));
        given().header("Authorization", Tokens.of("mario.rossi", "operator", "approver")).post(location + "/approve")
                .then().statusCode(403);
        given().header("Authorization", Tokens.of("giulia.bianchi", "approver")).contentType(ContentType.JSON)
                .body("{\"reason\":\"wrong area: the rain is in Cuneo\"}")
                .post(location + "/reject").then().statusCode(200).body("state", is("rejected"))
                .body("reason", is("wrong area: the rain is in Cuneo"));
        Api.approve(location, "giulia.bianchi").then().statusCode(409).body("detail", containsString("is rejected"));

        List<Map<String, Object>> audit = given().header("Authorization", Tokens.of("oncall", "viewer")).get(location + "/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audit).extracting(e -> e.get("action") + " by " + e.get("actor"))
                .containsExactly("submitted by mario.rossi", "approval-refused by mario.rossi", "rejected by giulia.bianchi");
        assertThat(Api.deliveries(location)).isEmpty();
        Providers.telegram().verifyThat(0, postRequestedFor(urlPathMatching("/bot.*")));
    }

    @Test
    void alertsAreListedNewestFirstWithFiltersAndPaging() {
        String marker = "Località-" + System.nanoTime();
        ObjectNode first = fixture();
        ((ObjectNode) first.path("info").get(0).path("area").get(0)).put("areaDesc", marker + " nord");
        ObjectNode second = fixture();
        second.put("status", "Exercise");
        ((ObjectNode) second.path("info").get(0).path("area").get(0)).put("areaDesc", marker + " sud");
        Api.post(first.toString(), "mario.rossi").then().statusCode(202);
        Api.post(second.toString(), "mario.rossi").then().statusCode(202);

        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("area", marker).get("/api/v1/alerts")
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("identifier", org.hamcrest.Matchers.contains(second.path("identifier").asText(), first.path("identifier").asText()));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("area", marker).queryParam("state", "pending-approval")
                .get("/api/v1/alerts").then().body("identifier", org.hamcrest.Matchers.contains(first.path("identifier").asText()));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("area", marker).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/alerts").then().header("X-Total-Count", "2")
                .body("identifier", org.hamcrest.Matchers.contains(first.path("identifier").asText()));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("status", "Exercise")
                .get("/api/v1/alerts").then().body("alert.status", everyItem(is("Exercise")))
                .body("identifier", hasItem(second.path("identifier").asText()));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("since", OffsetDateTime.now().plusDays(1).toString())
                .queryParam("area", marker).get("/api/v1/alerts").then().header("X-Total-Count", "0");
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("size", 0).get("/api/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void thePreviewShowsEveryChannelOfEveryTownWithoutPublishing() {
        ObjectNode alert = fixture();
        alert.put("status", "Test");
        var geocode = ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode");
        geocode.addObject().put("valueName", "ISTAT").put("value", "001");
        geocode.addObject().put("valueName", "ISTAT").put("value", "06");
        List<Map<String, Object>> previews = given().header("Authorization", Tokens.of("mario.rossi", "operator"))
                .contentType(ContentType.JSON).body(alert.toString()).post("/api/v1/alerts/preview")
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(previews).extracting(p -> p.get("target") + "/" + p.get("channel") + "/" + p.get("wouldPublish"))
                .containsExactly("chivasso/shortvideo/true", "chivasso/telegram/true", "chivasso/x/true", "trieste/telegram/false",
                        "torino/telegram/false", "torino/x/false", "ivrea/telegram/true", "pinerolo/shortvideo/false", "pinerolo/telegram/false");
        assertThat(previews.get(3).get("reason").toString()).startsWith("test not wanted");
        @SuppressWarnings("unchecked")
        List<String> telegramParts = (List<String>) previews.get(1).get("parts");
        assertThat(telegramParts).singleElement().asString().startsWith("<b>⚠️ MESSAGGIO DI TEST");
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("area", "001")
                .get("/api/v1/alerts").then().body("identifier", not(hasItem(alert.path("identifier").asText())));
        Providers.telegram().verifyThat(0, postRequestedFor(urlPathMatching("/bot.*")));

        // The preview lives in channel, the alert's other endpoints in intake, on one class path: an empty body is the
        // same problem, and "preview" read as an alert's id is still an unknown alert.
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON).post("/api/v1/alerts/preview")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("the body is empty"));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/alerts/preview")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCancelWithdrawsTheAlertWhereItWentAndSaysSo() throws Exception {
        ObjectNode original = fixture();
        original.put("status", "Exercise");
        Response first = Api.post(original.toString(), "mario.rossi");
        Api.awaitDeliveries(first.header("Location"), list -> list.size() == 3 && Api.allSettled(list));
        Providers.resetAll();
        Providers.answerAsProvidersDo();

        ObjectNode cancel = mapper.createObjectNode();
        cancel.put("identifier", original.path("identifier").asText() + "-revoca");
        cancel.put("sender", original.path("sender").asText());
        cancel.put("sent", OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        cancel.put("status", "Exercise");
        cancel.put("msgType", "Cancel");
        cancel.put("scope", "Public");
        cancel.put("references", original.path("sender").asText() + "," + original.path("identifier").asText() + "," + original.path("sent").asText());
        ObjectNode info = cancel.putArray("info").addObject();
        info.put("language", "it-IT").put("event", "Piogge intense").put("urgency", "Past").put("severity", "Minor").put("certainty", "Observed")
                .put("headline", "Revocata l'allerta per piogge intense");
        info.putArray("category").add("Met");
        // Its area is the whole region; it must still reach only the towns that had the alert.
        info.putArray("area").addObject().put("areaDesc", "Piemonte").putArray("geocode").addObject().put("valueName", "ISTAT").put("value", "01");
        Response second = Api.post(cancel.toString(), "mario.rossi");
        second.then().statusCode(202);
        List<Map<String, Object>> deliveries = Api.awaitDeliveries(second.header("Location"), list -> list.size() == 3 && Api.allSettled(list));
        assertThat(deliveries).extracting(d -> d.get("target")).containsOnly("chivasso");

        JsonNode telegram = mapper.readTree(Providers.telegram().find(postRequestedFor(urlPathMatching("/bot.*/sendMessage"))).get(0).getBodyAsString());
        assertThat(telegram.path("text").asText()).contains("<b>REVOCA:</b>").contains("ESERCITAZIONE");
        assertThat(telegram.path("reply_parameters").path("message_id").asLong()).isEqualTo(4242);
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(first.header("Location")).then().body("state", is("cancelled"));
        // Withdrawn is final: it can be neither updated nor cancelled again.
        cancel.put("identifier", cancel.path("identifier").asText() + "-2");
        Api.post(cancel.toString(), "mario.rossi").then().statusCode(422).body("errors.detail", hasItem(containsString("is cancelled")));
    }

    @Test
    void anAlertBecomesExpiredWhenItsValidityEnds() {
        ObjectNode alert = fixture();
        alert.put("status", "Exercise");
        ((ObjectNode) alert.path("info").get(0)).put("expires",
                OffsetDateTime.now(ZoneOffset.ofHours(1)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        String location = Api.post(alert.toString(), "mario.rossi").header("Location");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Tokens.of("oncall", "viewer"))
                .get(location).then().body("state", is("expired")));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(location + "/audit").then()
                .body("action", hasItems("submitted", "published", "expired"));
    }

    @Test
    void hostileOrUnexpectedBodiesAreRefusedClearly() {
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType("text/plain").body("ALLERTA")
                .post("/api/v1/alerts").then().statusCode(415).contentType("application/problem+json");
        ObjectNode misspelt = fixture();
        ((ObjectNode) misspelt.path("info").get(0)).put("instrucion", "Salite ai piani alti");
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON).body(misspelt.toString())
                .post("/api/v1/alerts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", is("unknown field 'instrucion'")).body("errors[0].pointer", is("/info/0/instrucion"));
        String deep = "[".repeat(100) + "]".repeat(100);
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON)
                .body("{\"identifier\":\"x\",\"code\":" + deep + "}")
                .post("/api/v1/alerts").then().statusCode(400).contentType("application/problem+json");
        // Whatever reads JSON in the service refuses input deeper than any alert.
        assertThatThrownBy(() -> appMapper.readTree(deep)).hasMessageContaining("nesting depth");
        String huge = "{\"identifier\":\"" + "x".repeat(600 * 1024) + "\"}";
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/alerts").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("the most accepted is 524288"));
    }

    @Test
    void theDocumentedExamplesAreValidAgainstTheServedSchema() throws Exception {
        String schemaText = given().get("/api/v1/schema/alert.json").then().statusCode(200)
                .contentType("application/schema+json").extract().asString();
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(schemaText);
        JsonNode examples = mapper.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString())
                .path("paths").path("/api/v1/alerts").path("post").path("requestBody").path("content").path("application/json").path("examples");
        assertThat(examples.size()).isEqualTo(2);
        for (JsonNode example : examples) {
            JsonNode value = example.path("value").isTextual() ? mapper.readTree(example.path("value").asText()) : example.path("value");
            assertThat(schema.validate(value)).as(example.path("summary").asText()).isEmpty();
        }
    }

    private ObjectNode fixture() {
        try {
            return (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
