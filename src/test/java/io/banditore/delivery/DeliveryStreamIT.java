package io.banditore.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.SseClient;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** GET /api/v1/deliveries/stream: every status change, in order per delivery, and a reconnecting browser resumes. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class DeliveryStreamIT {

    @TestHTTPResource("/api/v1/deliveries/stream")
    URI stream;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void everyChangeOfAnAlertsDeliveriesArrivesInOrderAndAResumedStreamMissesNothing() throws Exception {
        Response posted = Api.post(AlertFixtures.json("chivasso-rain-actual.json"), "mario.rossi");
        String location = posted.header("Location");
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        URI ofAlert = URI.create(stream + "?alert=" + alertId);

        try (SseClient live = SseClient.open(ofAlert, Tokens.of("oncall", "viewer"), null);
                SseClient everything = SseClient.open(stream, Tokens.of("oncall", "viewer"), null)) {
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.contentType()).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.events("live").isEmpty() && !everything.events("live").isEmpty());
            String before = live.events("live").get(0).id();

            Api.approve(location, "giulia.bianchi").then().statusCode(200);
            List<Map<String, Object>> settled = Api.awaitDeliveries(location, list -> list.size() == 3
                    && list.stream().allMatch(d -> "SENT".equals(d.get("status"))));
            Map<String, Integer> finalVersions = new LinkedHashMap<>();
            settled.forEach(d -> finalVersions.put((String) d.get("deliveryId"), (Integer) d.get("version")));
            await().atMost(Duration.ofSeconds(10)).until(() -> lastVersions(live.events("delivery")).equals(finalVersions));

            // Each delivery: every version from 1 to the last, in order, from QUEUED to SENT.
            Map<String, List<JsonNode>> byDelivery = new LinkedHashMap<>();
            for (SseClient.Event e : live.events("delivery")) {
                JsonNode status = mapper.readTree(e.data());
                assertThat(status.path("alertId").asText()).isEqualTo(alertId);
                byDelivery.computeIfAbsent(status.path("deliveryId").asText(), k -> new ArrayList<>()).add(status);
            }
            assertThat(byDelivery).hasSize(3);
            byDelivery.forEach((id, statuses) -> {
                assertThat(statuses).extracting(s -> s.path("version").asInt())
                        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, finalVersions.get(id)).boxed().toList());
                assertThat(statuses.get(0).path("status").asText()).isEqualTo("QUEUED");
                assertThat(statuses.get(1).path("status").asText()).isEqualTo("SENDING");
                assertThat(statuses.get(statuses.size() - 1).path("status").asText()).isEqualTo("SENT");
            });
            // Event ids never go back.
            List<FeedCursor> ids = live.events().stream().map(e -> FeedCursor.parse(e.id())).toList();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i).max(ids.get(i - 1))).isEqualTo(ids.get(i));
            }
            // A stream of every alert saw the same changes of this one, in the same order.
            await().atMost(Duration.ofSeconds(10)).until(() -> lastVersions(ofAlert(everything, alertId)).equals(finalVersions));
            assertThat(ofAlert(everything, alertId)).extracting(SseClient.Event::data)
                    .containsExactlyElementsOf(live.events("delivery").stream().map(SseClient.Event::data).toList());

            // A browser that lost the connection before the approval resumes: the latest status of each delivery, then live.
            try (SseClient resumed = SseClient.open(ofAlert, Tokens.of("oncall", "viewer"), before)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !resumed.events("live").isEmpty());
                assertThat(lastVersions(resumed.events("delivery"))).isEqualTo(finalVersions);
                assertThat(resumed.events("delivery")).hasSize(3).allSatisfy(e -> assertThat(e.id()).isEqualTo(before));
            }
            // One that had seen everything gets nothing again.
            String last = live.events().get(live.events().size() - 1).id();
            try (SseClient resumed = SseClient.open(ofAlert, Tokens.of("oncall", "viewer"), last)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !resumed.events("live").isEmpty());
                assertThat(resumed.events("delivery")).isEmpty();
            }
        }
    }

    @Test
    void theStreamNeedsATokenAndAKnownCursor() {
        given().accept("text/event-stream").get(stream).then().statusCode(401);
        given().accept("text/event-stream").header("Authorization", Tokens.of("oncall", "viewer")).header("Last-Event-ID", "yesterday")
                .get(stream).then().statusCode(400).contentType("application/problem+json");
    }

    private List<SseClient.Event> ofAlert(SseClient client, String alertId) {
        return client.events("delivery").stream().filter(e -> e.data().contains("\"alertId\":\"" + alertId + "\"")).toList();
    }

    private Map<String, Integer> lastVersions(List<SseClient.Event> events) throws Exception {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (SseClient.Event e : events) {
            JsonNode status = mapper.readTree(e.data());
            last.put(status.path("deliveryId").asText(), status.path("version").asInt());
        }
        return last;
    }
}
