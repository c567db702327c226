package io.banditore.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.directory.Gazetteer;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;

/**
 * What on-call staff read about deliveries: a province's alert reaching every town, the filters, a failure found and
 * retried, the metrics, and a view rebuilt from deliveries.v1 that equals the live one.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class DeliveryViewIT {

    @Inject
    TargetDirectory directory;

    @Inject
    Gazetteer gazetteer;

    @Inject
    DeliveryLedger ledger;

    @Inject
    io.banditore.routing.RoutingLedger routing;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anAlertForTorinosProvinceReachesEveryConfiguredTownOfIt() throws Exception {
        Set<String> expected = new HashSet<>();
        for (Target t : directory.all()) {
            if (gazetteer.comune(t.istat()).map(c -> c.provinceCode().equals("001")).orElse(false)) {
                t.channels().keySet().forEach(channel -> expected.add(t.id() + "/" + channel));
            }
        }
        assertThat(expected).contains("chivasso/telegram", "torino/x", "ivrea/telegram", "pinerolo/shortvideo").hasSize(8);

        String location = postAndApprove(alert("001"));
        List<Map<String, Object>> deliveries = Api.awaitDeliveries(location, list -> list.size() == expected.size() && Api.allSettled(list));
        assertThat(deliveries).extracting(d -> d.get("target") + "/" + d.get("channel")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("SENT");
        for (String bot : List.of("123:test-chivasso", "789:test-torino", "790:test-ivrea", "791:test-pinerolo")) {
            Providers.telegram().verifyThat(1, postRequestedFor(urlEqualTo("/bot" + bot + "/sendMessage")));
        }
        given().header("Authorization", Tokens.of("oncall", "viewer")).get(location)
                .then().body("routing.deliveries", is(8)).body("routing.unmatched", is(false));

        // Filters: by channel, by town, by status.
        assertThat(deliveries(location, "channel", "telegram")).extracting(d -> d.get("target"))
                .containsExactly("chivasso", "ivrea", "pinerolo", "torino");
        assertThat(deliveries(location, "target", "torino")).extracting(d -> d.get("channel")).containsExactly("telegram", "x");
        assertThat(deliveries(location, "status", "FAILED,RETRYING")).isEmpty();
        assertThat(deliveries(location, "status", "sent")).hasSize(8);
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("status", "DELIVERED").get(location + "/deliveries")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not a delivery status"));

        // Metrics: the time from the alert's sent time to the provider's acceptance, and the wait before dispatch.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(count(metrics, "banditore_delivery_latency_seconds_count{channel=\"telegram\"")).isGreaterThanOrEqualTo(4);
        assertThat(count(metrics, "banditore_dispatch_lag_seconds_count{channel=\"x\"")).isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("banditore_delivery_latency_seconds_bucket{channel=\"shortvideo\",le=\"30.0\"}");
        assertThat(count(metrics, "banditore_deliveries_total{channel=\"telegram\",status=\"SENT\"")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aFailureIsFoundWithItsReasonAndRetriedOnceTheProviderTakesItAgain() throws Exception {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        Providers.telegram().register(post(urlEqualTo("/bot790:test-ivrea/sendMessage")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked from the channel chat\"}")));
        ObjectNode alert = alert("001125");
        alert.put("status", "Exercise");
        String location = Api.post(alert.toString(), "mario.rossi").header("Location");
        Map<String, Object> failed = Api.awaitDeliveries(location, list -> list.size() == 1 && Api.allSettled(list)).get(0);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("target", "ivrea");
        assertThat((String) failed.get("error")).contains("bot was kicked");
        String id = (String) failed.get("deliveryId");

        // Found among the failures since the test began, one page at a time.
        Response page = given().header("Authorization", Tokens.of("oncall", "viewer"))
                .queryParam("status", "FAILED").queryParam("since", since.toString()).queryParam("size", 1)
                .get("/api/v1/deliveries");
        page.then().statusCode(200).header("X-Total-Count", "1").body("[0].deliveryId", is(id));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("status", "FAILED").queryParam("since", since.toString())
                .queryParam("page", 1).queryParam("size", 1).get("/api/v1/deliveries").then().body("size()", is(0));
        given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("size", 501).get("/api/v1/deliveries")
                .then().statusCode(400).contentType("application/problem+json");

        // A viewer cannot retry; an operator can, once the town's bot is back in its channel.
        String retry = "/api/v1/deliveries/" + id + "/retry";
        given().header("Authorization", Tokens.of("oncall", "viewer")).post(retry).then().statusCode(403);
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        double retriesBefore = count(given().get("/q/metrics").asString(), "banditore_delivery_retries_total{by=\"operator\",channel=\"telegram\"");
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).post(retry)
                .then().statusCode(202).body("status", is("QUEUED")).body("partAttempts", is(0)).body("attempts", is(1));
        Map<String, Object> sent = Api.awaitDeliveries(location, list -> list.size() == 1 && Api.allSettled(list)).get(0);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("attempts", 2).containsEntry("providerMessageId", "4242");
        assertThat(sent).doesNotContainKey("error");
        Providers.telegram().verifyThat(1, postRequestedFor(urlEqualTo("/bot790:test-ivrea/sendMessage")));
        assertThat(count(given().get("/q/metrics").asString(), "banditore_delivery_retries_total{by=\"operator\",channel=\"telegram\""))
                .isEqualTo(retriesBefore + 1);

        // A SENT delivery is never sent again.
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).post(retry)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("never sent again"));
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).post("/api/v1/deliveries/nope:telegram:ivrea/retry")
                .then().statusCode(404);
        // The retry lives in dispatch and the views in delivery, on one class path: reading a delivery still answers.
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/deliveries/" + id)
                .then().statusCode(200).body("deliveryId", is(id)).body("status", is("SENT"));
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/deliveries/nope:telegram:ivrea")
                .then().statusCode(404).contentType("application/problem+json");
        Thread.sleep(500); // a second send, if there were one, would have reached the stub by now
        Providers.telegram().verifyThat(1, postRequestedFor(urlEqualTo("/bot790:test-ivrea/sendMessage")));
    }

    @Test
    void aFailedDeliveryOfACancelledAlertIsNotRetried() throws Exception {
        Providers.telegram().register(post(urlEqualTo("/bot790:test-ivrea/sendMessage")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot is not a member of the channel chat\"}")));
        ObjectNode alert = alert("001125");
        alert.put("status", "Exercise");
        String location = Api.post(alert.toString(), "mario.rossi").header("Location");
        String id = (String) Api.awaitDeliveries(location, list -> list.size() == 1 && Api.allSettled(list)).get(0).get("deliveryId");

        ObjectNode cancel = alert("001125");
        cancel.put("status", "Exercise");
        cancel.put("msgType", "Cancel");
        cancel.put("identifier", alert.path("identifier").asText() + "-revoca");
        cancel.put("references", alert.path("sender").asText() + "," + alert.path("identifier").asText() + "," + alert.path("sent").asText());
        Response cancelled = Api.post(cancel.toString(), "mario.rossi");
        cancelled.then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Tokens.of("oncall", "viewer"))
                .get(location).then().body("state", is("cancelled")));
        // The Cancel goes only where the alert went (SENT or under way): Ivrea's delivery FAILED, so Ivrea is not told
        // of a withdrawal (issue 13; it used to get a Cancel that failed there too).
        String cancelId = io.banditore.alert.AlertIds.of(cancel.path("sender").asText(), cancel.path("identifier").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> routing.find(cancelId).isPresent());
        assertThat(routing.find(cancelId).get().unmatched()).isTrue();
        assertThat(Api.deliveries(cancelled.header("Location"))).isEmpty();

        Providers.resetAll();
        Providers.answerAsProvidersDo();
        given().header("Authorization", Tokens.of("anna", "admin")).post("/api/v1/deliveries/" + id + "/retry")
                .then().statusCode(409).body("detail", containsString("cancelled"));
        assertThat(Api.deliveries(location)).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("FAILED"));
    }

    @Test
    void theViewRebuiltFromTheTopicEqualsTheLiveOne() throws Exception {
        String location = postAndApprove(alert("001"));
        Api.awaitDeliveries(location, list -> list.size() == 8 && Api.allSettled(list));

        DeliveryLedger rebuilt = new DeliveryLedger(mapper, kafkaConfig);
        try {
            rebuilt.start();
            await().atMost(Duration.ofSeconds(30)).until(rebuilt::caughtUp);
            // Other tests' deliveries may still be settling: the two views must meet, each delivery at the same version.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byId(rebuilt)).isEqualTo(byId(ledger)));
            String alertId = location.substring(location.lastIndexOf('/') + 1);
            assertThat(rebuilt.ofAlert(alertId)).hasSize(8).extracting(DeliveryStatus::status).containsOnly(DeliveryState.SENT);
            assertThat(rebuilt.all()).hasSizeGreaterThanOrEqualTo(8)
                    .extracting(DeliveryStatus::deliveryId).doesNotHaveDuplicates();
        } finally {
            rebuilt.stop();
        }
    }

    @Test
    void theNewestVersionWinsWhateverTheOrder() {
        DeliveryStatus queued = DeliveryStatus.queued("x:telegram:chivasso", "x", "IT-x", "telegram", "chivasso", java.time.Instant.now());
        DeliveryStatus sending = queued.attempt(1, java.time.Instant.now());
        DeliveryStatus sent = sending.partSent("1", "https://t.me/c/1", java.time.Instant.now());
        DeliveryLedger view = new DeliveryLedger(mapper, kafkaConfig);
        try {
            assertThat(view.apply(sent)).isTrue();
            assertThat(view.apply(queued)).isFalse();
            assertThat(view.apply(sending)).isFalse();
            assertThat(view.apply(sent)).isFalse();
            assertThat(view.find("x:telegram:chivasso")).hasValue(sent);
            assertThat(view.ofAlert("x")).containsExactly(sent);
        } finally {
            view.stop();
        }
    }

    private static Map<String, DeliveryStatus> byId(DeliveryLedger view) {
        return view.all().stream().collect(Collectors.toMap(DeliveryStatus::deliveryId, Function.identity()));
    }

    private String postAndApprove(ObjectNode alert) {
        Response posted = Api.post(alert.toString(), "mario.rossi");
        posted.then().statusCode(202);
        String location = posted.header("Location");
        Api.approve(location, "giulia.bianchi").then().statusCode(200);
        return location;
    }

    private static List<Map<String, Object>> deliveries(String location, String filter, String value) {
        return given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam(filter, value).get(location + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static double count(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.replaceFirst(" # \\{.*", "")) // an exemplar (the trace of a sample) follows the value
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private ObjectNode alert(String istat) throws Exception {
        ObjectNode alert = (ObjectNode) new ObjectMapper().readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        ObjectNode area = (ObjectNode) alert.path("info").get(0).path("area").get(0);
        area.put("areaDesc", "ISTAT " + istat);
        area.putArray("geocode").addObject().put("valueName", "ISTAT").put("value", istat);
        return alert;
    }
}
