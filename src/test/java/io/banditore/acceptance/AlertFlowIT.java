package io.banditore.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** One alert the whole way: posted, approved by a second person, on alerts.v1, and delivered to every channel of its town. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class AlertFlowIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anApprovedAlertReachesEveryChannelOfItsTown() throws Exception {
        String identifier = "IT-TO-2026-flow";
        Response posted = given().header("Authorization", Tokens.of("mario.rossi", "operator", "approver"))
                .contentType(ContentType.JSON).body(AlertFixtures.json("chivasso-rain-actual.json", identifier))
                .when().post("/api/v1/alerts");
        posted.then().statusCode(202).header("Location", containsString("/api/v1/alerts/"))
                .body("state", is("pending-approval")).body("identifier", is(identifier));
        String location = posted.header("Location");

        // An Actual alert waits for a second person: nothing reaches a provider, and the author cannot approve it.
        given().header("Authorization", Tokens.of("mario.rossi", "operator", "approver"))
                .when().post(location + "/approve")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("cannot approve"));
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer"))
                .when().get(location + "/deliveries")
                .then().statusCode(200).body("size()", is(0));
        Providers.telegram().verifyThat(0, postRequestedFor(urlPathMatching("/bot.*")));

        given().header("Authorization", Tokens.of("giulia.bianchi", "approver"))
                .when().post(location + "/approve")
                .then().statusCode(200).body("state", is("active")).body("decidedBy", is("giulia.bianchi"));

        List<Map<String, Object>> deliveries = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/deliveries")
                        .then().statusCode(200).extract().jsonPath().getList("$"),
                list -> list.size() == 3 && list.stream().allMatch(d -> "SENT".equals(d.get("status"))));
        assertThat(deliveries).extracting(d -> d.get("channel")).containsExactly("shortvideo", "telegram", "x");
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.get("target")).isEqualTo("chivasso");
            // One provider call per part: nothing was retried.
            assertThat(d.get("attempts")).isEqualTo(d.get("partsTotal"));
            assertThat(d.get("updatedAt")).isNotNull();
        });
        assertThat(deliveries).extracting(d -> d.get("providerMessageId"))
                .containsExactly("v_pub_url~v2.7300000000000000001", "4242", "1749000000000000001");

        // Telegram: the town's channel, HTML with the alert's own text escaped.
        List<LoggedRequest> telegram = Providers.telegram().find(postRequestedFor(urlEqualTo("/bot123:test-chivasso/sendMessage")));
        assertThat(telegram).hasSize(1);
        JsonNode message = mapper.readTree(telegram.get(0).getBodyAsString());
        assertThat(message.path("chat_id").asText()).isEqualTo("@comunechivasso");
        assertThat(message.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(message.path("text").asText())
                .startsWith("🟠 <b>Allerta arancione per piogge intense</b>\n📍 Zona: Chivasso &lt;&amp; dintorni&gt;\n")
                .contains("<b>Cosa fare:</b> Evitate i sottopassi")
                .endsWith("— Prefettura di Torino")
                .doesNotContain("MESSAGGIO DI TEST");

        // X: a thread authorised with the town's token: the headline opens it, each post replies to the one before,
        // and the town's hashtag closes it.
        List<LoggedRequest> posts = Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))
                .withHeader("Authorization", WireMock.equalTo("Bearer test-chivasso-x")));
        assertThat(posts).hasSize(((Number) deliveries.get(2).get("partsTotal")).intValue());
        List<JsonNode> thread = new java.util.ArrayList<>();
        for (LoggedRequest post : posts) {
            thread.add(mapper.readTree(post.getBodyAsString()));
        }
        thread.sort(java.util.Comparator.comparingInt(p -> {
            var number = java.util.regex.Pattern.compile(" (\\d+)/\\d+$").matcher(p.path("text").asText());
            return number.find() ? Integer.parseInt(number.group(1)) : 1;
        }));
        assertThat(thread.get(0).path("text").asText()).contains("Allerta arancione per piogge intense");
        assertThat(thread.get(0).has("reply")).isFalse();
        assertThat(thread.subList(1, thread.size())).allSatisfy(p ->
                assertThat(p.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo("1749000000000000001"));
        assertThat(thread.get(thread.size() - 1).path("text").asText()).contains("#Chivasso");

        // TikTok: creator info, then a public post of the video rendered here, uploaded whole, then its status.
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/creator_info/query/"))
                .withHeader("Authorization", WireMock.equalTo("Bearer act.test-chivasso")));
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))
                .withRequestBody(matchingJsonPath("$.post_info.privacy_level", WireMock.equalTo("PUBLIC_TO_EVERYONE")))
                .withRequestBody(matchingJsonPath("$.post_info.title", WireMock.containing("#ChivassoSocial")))
                .withRequestBody(matchingJsonPath("$.source_info.source", WireMock.equalTo("FILE_UPLOAD")))
                .withRequestBody(matchingJsonPath("$.source_info.total_chunk_count", WireMock.equalTo("1"))));
        Providers.tiktok().verifyThat(1, putRequestedFor(urlPathEqualTo("/upload/video/"))
                .withHeader("Content-Type", WireMock.equalTo("video/mp4"))
                .withHeader("Content-Range", WireMock.matching("bytes 0-\\d+/\\d+")));
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/status/fetch/"))
                .withRequestBody(equalToJson("{\"publish_id\":\"v_pub_url~v2.7300000000000000001\"}")));

        // alerts.v1: a structured-mode CloudEvent a plain Kafka client reads, keyed by the alert identifier.
        ConsumerRecord<String, String> event = readAlertEvent(identifier);
        JsonNode cloudEvent = mapper.readTree(event.value());
        assertThat(cloudEvent.path("specversion").asText()).isEqualTo("1.0");
        assertThat(cloudEvent.path("type").asText()).isEqualTo("io.banditore.alert.published.v1");
        assertThat(cloudEvent.path("source").asText()).isEqualTo("/banditore/intake");
        assertThat(cloudEvent.path("id").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(cloudEvent.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(cloudEvent.path("time").asText()).isNotEmpty();
        assertThat(cloudEvent.path("capstatus").asText()).isEqualTo("Actual");
        assertThat(cloudEvent.path("data").path("identifier").asText()).isEqualTo(identifier);
        assertThat(cloudEvent.path("data").path("info").get(0).path("area").get(0).path("geocode").get(0).path("value").asText()).isEqualTo("001082");
        assertThat(new String(event.headers().lastHeader("content-type").value())).startsWith("application/cloudevents+json");
    }

    private ConsumerRecord<String, String> readAlertEvent(String identifier) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> identifier.equals(r.key()));
            });
            return seen.stream().filter(r -> identifier.equals(r.key())).findFirst().orElseThrow();
        }
    }
}
