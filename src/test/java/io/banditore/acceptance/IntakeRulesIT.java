package io.banditore.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What the intake accepts and records, tried from outside: CAP's message types, what an Update or Cancel may
 * reference, senders compared as addresses, polygons, and a body that claims to be larger than a long.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class IntakeRulesIT {

    private static final String PREFECTURE = "protezionecivile@prefettura.torino.it";
    private static final String CHIVASSO = "protocollo@comune.chivasso.to.it";
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anAckOrAnErrorFromOneOperatorIsRecordedAndPublishedButReachesNoPublicChannel() {
        ObjectNode original = fixture();
        String location = Api.post(original.toString(), "mario.rossi").header("Location");
        Api.approve(location, "giulia.bianchi").then().statusCode(200);
        Api.awaitSettled(location, "telegram", "chivasso");
        Api.awaitSettled(location, "x", "chivasso");
        Providers.resetAll();
        Providers.answerAsProvidersDo();

        List<String> flushes = new java.util.ArrayList<>();
        for (String msgType : List.of("Ack", "Error")) {
            ObjectNode message = fixture();
            message.put("msgType", msgType);
            message.put("references", reference(original));
            ObjectNode info = (ObjectNode) message.path("info").get(0);
            info.put("headline", "EVACUAZIONE IMMEDIATA " + msgType);
            info.put("severity", "Extreme");
            ((ObjectNode) info.path("area").get(0)).putArray("geocode").addObject().put("valueName", "ISTAT").put("value", "001");

            Response posted = Api.post(message.toString(), "mario.rossi");
            posted.then().statusCode(202).body("state", is("active")).body("published", is(true))
                    .body("publicChannels", is(false)).body("publicChannelsNote", containsString("a CAP " + msgType + " is a message between systems"));
            given().header("Authorization", Tokens.of("oncall", "viewer")).get(posted.header("Location") + "/audit").then()
                    .body("action", org.hamcrest.Matchers.contains("submitted", "published"));
            // City systems get it on alerts.v1, with its type.
            assertThat(KafkaRecords.awaitRecords(Topics.ALERTS, r -> r.value().contains(message.path("identifier").asText())))
                    .singleElement().satisfies(r -> assertThat(r.value()).contains("\"capmsgtype\":\"" + msgType + "\""));
            flushes.add(Api.postExercise(a -> a.put("identifier", message.path("identifier").asText()).put("sender", CHIVASSO), "001082"));
        }
        // The router takes the records of one key in order: an alert of another sender under the same identifier
        // (the key of alerts.v1), routed and sent, shows the router is past the Ack and the Error.
        for (String flush : flushes) {
            Api.awaitSettled(flush, "telegram", "chivasso");
        }
        for (WireMock provider : List.of(Providers.telegram(), Providers.x(), Providers.tiktok())) {
            assertThat(provider.find(anyRequestedFor(anyUrl()))).noneMatch(r -> r.getBodyAsString().contains("EVACUAZIONE"));
        }
    }

    @Test
    void aCancelOfAnotherStatusNeverWithdrawsAnActualAlert() {
        ObjectNode original = fixture();
        String location = Api.post(original.toString(), "mario.rossi").header("Location");
        Api.approve(location, "giulia.bianchi").then().statusCode(200);

        for (String status : List.of("Exercise", "Test", "System")) {
            ObjectNode cancel = cancelOf(original, PREFECTURE);
            cancel.put("status", status);
            Api.post(cancel.toString(), "mario.rossi").then().statusCode(422).contentType("application/problem+json")
                    .body("errors.pointer", everyItem(is("/references")))
                    .body("errors.detail", hasItem(containsString("an Actual alert: an " + status + " Cancel cannot change it")));
        }
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(location).then().body("state", is("active"))
                .body("supersededBy", nullValue());
    }

    @Test
    void aCancelNeedsASenderThePosterMayUseOrOneThatSupervisesIt() {
        ObjectNode prefectures = fixture();
        String location = Api.post(prefectures.toString(), "mario.rossi").header("Location");
        Api.approve(location, "giulia.bianchi").then().statusCode(200);
        // An operator of Chivasso posts, as Chivasso, a Cancel of the Prefettura's alert.
        given().header("Authorization", Tokens.of("anna.bruno", "operator", "comune-chivasso")).contentType(ContentType.JSON)
                .body(cancelOf(prefectures, CHIVASSO).toString()).post("/api/v1/alerts")
                .then().statusCode(422).body("errors.pointer", everyItem(is("/references")))
                .body("errors.detail", hasItem(containsString("an alert of " + PREFECTURE + ": you may not post as that sender")));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(location).then().body("state", is("active"));

        // The Prefettura supervises Chivasso (banditore.intake.supervised-senders): its operator, allowed only the
        // Prefettura's sender (spelt here in other case), may withdraw Chivasso's alert.
        ObjectNode chivassos = fixture();
        chivassos.put("sender", CHIVASSO);
        chivassos.put("status", "Exercise");
        String chivassoLocation = given().header("Authorization", Tokens.of("anna.bruno", "operator", "comune-chivasso"))
                .contentType(ContentType.JSON).body(chivassos.toString()).post("/api/v1/alerts").then().statusCode(202).extract().header("Location");
        ObjectNode cancel = cancelOf(chivassos, PREFECTURE.toUpperCase(Locale.ROOT));
        cancel.put("status", "Exercise");
        String cancelId = given().header("Authorization", Tokens.of("paolo.verdi", "operator", "prefettura-torino")).contentType(ContentType.JSON)
                .body(cancel.toString()).post("/api/v1/alerts").then().statusCode(202).extract().path("id");
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(chivassoLocation).then().body("state", is("cancelled"))
                .body("supersededBy", is(cancelId));
    }

    @Test
    void aDraftIsNeverReferable() {
        ObjectNode draft = fixture();
        draft.put("status", "Draft");
        Api.post(draft.toString(), "mario.rossi").then().statusCode(202).body("publicChannels", is(false));
        ObjectNode update = fixture();
        update.put("status", "Draft");
        update.put("msgType", "Update");
        update.put("references", reference(draft));
        Api.post(update.toString(), "mario.rossi").then().statusCode(422).body("errors.pointer", everyItem(is("/references")))
                .body("errors.detail", hasItem(containsString("which is a Draft")));
    }

    @Test
    void theSameAlertWithItsSenderSpeltInOtherCaseIsTheSameAlert() {
        ObjectNode alert = fixture();
        Response first = Api.post(alert.toString(), "mario.rossi");
        first.then().statusCode(202);
        alert.put("sender", "ProtezioneCivile@Prefettura.Torino.IT");
        Api.post(alert.toString(), "mario.rossi").then().statusCode(200).header("Location", is(first.header("Location")))
                .body("sender", is(PREFECTURE));
    }

    @Test
    void aBowTiePolygonIsRefusedSayingWhy() {
        ObjectNode alert = fixture();
        ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("polygon")
                .add("45.50,7.84 45.50,7.92 45.43,7.84 45.43,7.92 45.50,7.84");
        Api.post(alert.toString(), "mario.rossi").then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", org.hamcrest.Matchers.contains("/info/0/area/0/polygon/0"))
                .body("errors.detail", hasItem(containsString("is not a simple ring: self-intersection")));
    }

    @Test
    void aContentLengthLargerThanAnyBodyIsAClean413AndOneTooLargeForALongNeverA500() throws Exception {
        assertThat(postWithLength("9223372036854775807")).startsWith("HTTP/1.1 413")
                .containsIgnoringCase("content-type: application/problem+json")
                .contains("the body has 9223372036854775807 bytes; the most accepted is 524288");
        // Netty's HTTP decoder refuses a length it cannot read as a long before any handler sees it (a bare 400); the
        // service's own check reads such a length as too large too (BodySizeLimitTest).
        assertThat(postWithLength("99999999999999999999999")).startsWith("HTTP/1.1 4").doesNotContain("Internal");
    }

    private static String postWithLength(String length) throws java.io.IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/alerts HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Tokens.of("mario.rossi", "operator")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            seen.write(buffer, 0, n);
            String text = seen.toString(StandardCharsets.UTF_8);
            if (text.contains("}") || text.startsWith("HTTP/1.1 400")) {
                break;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    private ObjectNode cancelOf(ObjectNode original, String sender) {
        ObjectNode cancel = mapper.createObjectNode();
        cancel.put("identifier", original.path("identifier").asText() + "-revoca-" + System.nanoTime());
        cancel.put("sender", sender);
        cancel.put("sent", OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        cancel.put("status", original.path("status").asText());
        cancel.put("msgType", "Cancel");
        cancel.put("scope", "Public");
        cancel.put("references", reference(original));
        return cancel;
    }

    private static String reference(ObjectNode original) {
        return original.path("sender").asText() + "," + original.path("identifier").asText() + "," + original.path("sent").asText();
    }

    private ObjectNode fixture() {
        try {
            return (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
