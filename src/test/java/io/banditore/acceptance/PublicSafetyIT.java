package io.banditore.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The rules of DESIGN.md that protect the public, each seen from the outside: what the API answers and what providers receive. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class PublicSafetyIT {

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aTestGoesOnlyToTownsThatOptInAndAlwaysSaysItIsATest() throws Exception {
        ObjectNode alert = fixture();
        alert.put("status", "Test");
        // Torino's province (of its towns in the test directory, Chivasso and Ivrea take tests; Torino and Pinerolo
        // do not) and Trieste (does not).
        geocodes(alert, "001", "032006");

        Response posted = Api.post(alert.toString(), "mario.rossi");
        posted.then().statusCode(202).body("state", is("active"));
        // Chivasso 3 channels, Torino 2, Ivrea 1, Pinerolo 2, Trieste 1.
        List<Map<String, Object>> deliveries = Api.awaitDeliveries(posted.header("Location"),
                list -> list.size() == 9 && Api.allSettled(list));

        assertThat(deliveries).filteredOn(d -> List.of("trieste", "torino", "pinerolo").contains(d.get("target"))).hasSize(5)
                .allSatisfy(d -> {
                    assertThat(d.get("status")).isEqualTo("SKIPPED");
                    assertThat((String) d.get("error")).startsWith("test not wanted");
                });
        assertThat(deliveries).filteredOn(d -> List.of("chivasso", "ivrea").contains(d.get("target")))
                .extracting(d -> d.get("status")).hasSize(4).containsOnly("SENT");
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot456:test-trieste/sendMessage")));
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot789:test-torino/sendMessage")));
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot791:test-pinerolo/sendMessage")));

        JsonNode telegram = body(Providers.telegram().find(postRequestedFor(urlEqualTo("/bot123:test-chivasso/sendMessage"))));
        assertThat(body(Providers.telegram().find(postRequestedFor(urlEqualTo("/bot790:test-ivrea/sendMessage")))).path("text").asText())
                .startsWith("<b>⚠️ MESSAGGIO DI TEST – non è un'allerta reale</b>");
        assertThat(telegram.path("text").asText()).startsWith("<b>⚠️ MESSAGGIO DI TEST – non è un'allerta reale</b>");
        List<JsonNode> thread = posts(Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))));
        assertThat(thread.get(0).path("text").asText()).startsWith("⚠️ MESSAGGIO DI TEST");
        // Any post of a thread may be seen alone: each one says it is a test.
        assertThat(thread).allSatisfy(p -> assertThat(p.path("text").asText()).containsAnyOf("MESSAGGIO DI TEST", "[TEST]"));
        JsonNode tiktok = body(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))));
        assertThat(tiktok.path("post_info").path("title").asText()).startsWith("⚠️ MESSAGGIO DI TEST");
    }

    @Test
    void aDraftIsKeptButNeverPublished() throws Exception {
        ObjectNode alert = fixture();
        alert.put("status", "Draft");
        Response posted = Api.post(alert.toString(), "mario.rossi");
        posted.then().statusCode(202).body("published", is(false));
        // A later alert's deliveries settling shows the router has moved past the draft.
        ObjectNode later = fixture();
        later.put("status", "Exercise");
        Api.awaitDeliveries(Api.post(later.toString(), "mario.rossi").header("Location"), list -> list.size() == 3 && Api.allSettled(list));
        assertThat(Api.deliveries(posted.header("Location"))).isEmpty();
    }

    @Test
    void anExpiredAlertIsRefusedWithTheFieldAtFault() {
        ObjectNode alert = fixture();
        ObjectNode info = (ObjectNode) alert.path("info").get(0);
        String past = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        alert.put("sent", OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(3).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        info.put("effective", OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(2).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        info.put("expires", past);
        Api.post(alert.toString(), "mario.rossi").then().statusCode(422).contentType("application/problem+json")
                .body("status", is(422))
                .body("errors.pointer", hasItems("/info/0/expires"))
                .body("errors.detail", hasItems(containsString("already past")));
    }

    @Test
    void timesOutOfOrderAreRefused() {
        ObjectNode alert = fixture();
        OffsetDateTime sent = OffsetDateTime.parse(alert.path("sent").asText());
        // Effective may precede sent (CAP; DESIGN.md "Times"): only the expiry before onset is at fault.
        ((ObjectNode) alert.path("info").get(0)).put("effective", sent.minusMinutes(10).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ((ObjectNode) alert.path("info").get(0)).put("onset", sent.plusHours(7).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        Api.post(alert.toString(), "mario.rossi").then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.contains("/info/0/expires"))
                .body("errors.detail", hasItems(containsString("must be after onset")));

        ObjectNode future = fixture();
        future.put("sent", OffsetDateTime.now(ZoneOffset.ofHours(1)).plusHours(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        Api.post(future.toString(), "mario.rossi").then().statusCode(422)
                .body("errors.pointer", hasItems("/sent")).body("errors.detail", hasItems(containsString("in the future")));
    }

    @Test
    void missingFieldsAreAllNamedAtOnce() {
        ObjectNode alert = fixture();
        alert.remove("sender");
        alert.remove("msgType");
        ((ObjectNode) alert.path("info").get(0)).remove("urgency");
        Api.post(alert.toString(), "mario.rossi").then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/sender", "/msgType", "/info/0/urgency"));
    }

    @Test
    void malformedJsonIsAClearProblem() {
        Api.post("{\"identifier\": \"x\", \"status\": ", "mario.rossi").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("malformed JSON"));
        ObjectNode alert = fixture();
        alert.put("status", "Real");
        Api.post(alert.toString(), "mario.rossi").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", is("/status"))
                .body("detail", containsString("one of [Actual, Exercise, System, Test, Draft]"));
    }

    @Test
    void anUpdateMustReferenceAnAlertThatExists() {
        ObjectNode update = fixture();
        update.put("msgType", "Update");
        update.put("references", "protezionecivile@prefettura.torino.it,IT-NEVER-POSTED,2026-01-22T10:00:00+01:00");
        Api.post(update.toString(), "mario.rossi").then().statusCode(422)
                .body("errors.pointer", hasItems("/references"))
                .body("errors.detail", hasItems(containsString("does not know")));
    }

    @Test
    void anUpdateRepliesToTheOriginalAndSupersedesIt() throws Exception {
        ObjectNode original = fixture();
        original.put("status", "Exercise");
        Response first = Api.post(original.toString(), "mario.rossi");
        Api.awaitDeliveries(first.header("Location"), list -> list.size() == 3 && Api.allSettled(list));

        ObjectNode update = fixture();
        update.put("status", "Exercise");
        update.put("msgType", "Update");
        update.put("references", original.path("sender").asText() + "," + original.path("identifier").asText() + "," + original.path("sent").asText());
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        Response second = Api.post(update.toString(), "mario.rossi");
        second.then().statusCode(202);
        Api.awaitDeliveries(second.header("Location"), list -> list.size() == 3 && Api.allSettled(list));

        JsonNode telegram = body(Providers.telegram().find(postRequestedFor(urlPathMatching("/bot.*/sendMessage"))));
        assertThat(telegram.path("reply_parameters").path("message_id").asLong()).isEqualTo(4242);
        assertThat(telegram.path("text").asText()).contains("<b>AGGIORNAMENTO:</b>");
        JsonNode x = posts(Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets")))).get(0);
        assertThat(x.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo("1749000000000000001");
        assertThat(x.path("text").asText()).contains("AGGIORNAMENTO");
        io.restassured.RestAssured.given().header("Authorization", io.banditore.support.Tokens.of("oncall", "viewer"))
                .get(first.header("Location")).then().body("state", is("updated"));
    }

    @Test
    void theSameAlertPostedTwiceIsOneAlert() {
        String json = AlertFixtures.json("chivasso-rain-actual.json");
        Response first = Api.post(json, "mario.rossi");
        first.then().statusCode(202);
        Response again = Api.post(json, "mario.rossi");
        again.then().statusCode(200).header("Location", is(first.header("Location")));

        ObjectNode changed = (ObjectNode) readTree(json);
        ((ObjectNode) changed.path("info").get(0)).put("headline", "Altro testo");
        Api.post(changed.toString(), "mario.rossi").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already accepted with other content"));
    }

    private ObjectNode fixture() {
        return (ObjectNode) readTree(AlertFixtures.json("chivasso-rain-actual.json"));
    }

    private static void geocodes(ObjectNode alert, String... codes) {
        ArrayNode geocode = ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode");
        for (String code : codes) {
            geocode.addObject().put("valueName", "ISTAT").put("value", code);
        }
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The posts of an X thread in thread order (each ends with its number, i/N, when there are several). */
    private List<JsonNode> posts(List<LoggedRequest> requests) {
        assertThat(requests).isNotEmpty();
        return requests.stream().map(r -> readTree(r.getBodyAsString()))
                .sorted(java.util.Comparator.comparingInt(p -> {
                    var m = java.util.regex.Pattern.compile(" (\\d+)/\\d+$").matcher(p.path("text").asText());
                    return m.find() ? Integer.parseInt(m.group(1)) : 1;
                }))
                .toList();
    }

    private JsonNode body(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return readTree(requests.get(0).getBodyAsString());
    }
}
