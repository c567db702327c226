package io.banditore.channel.shortvideo;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.channel.RateLimit;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.dispatch.RateLimiter;
import io.banditore.kafka.Topics;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A test alert for Chivasso the whole way on the short-video channel: its caption package on captions.v1 and over
 * REST, its video rendered and uploaded to TikTok in the documented flow, the delivery showing the publish id and
 * TikTok's final state; and who may fetch what.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class ShortVideoFlowIT {

    private static final String TEST_LABEL = "MESSAGGIO DI TEST – non è un'allerta reale";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ShortVideoChannel channel;

    @Inject
    VideoLinks links;

    @Inject
    TargetDirectory directory;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    io.banditore.dispatch.StatusEvents statuses;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aTestAlertIsUploadedToTikTokAndItsCaptionsAreEverywhere() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String publishId = "v_pub_file~v2.73" + marker;
        // This alert's post gets a publish id and upload URL of its own, so that only its requests are looked at.
        Providers.tiktok().register(post(urlEqualTo("/v2/post/publish/video/init/")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.post_info.title", containing(marker)))
                .willReturn(okJson("{\"data\":{\"publish_id\":\"" + publishId + "\",\"upload_url\":\"" + Providers.baseUrl("tiktok")
                        + "/upload/video/?upload_id=" + marker + "&upload_token=t\"},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"x\"}}")));
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        alert.put("status", "Test");
        ((ObjectNode) alert.path("info").get(0)).put("headline", "Allerta arancione per piogge intense " + marker);

        String location = Api.post(alert.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        List<Map<String, Object>> deliveries = await().atMost(Duration.ofSeconds(90)).until(() -> Api.deliveries(location),
                list -> list.size() == 3 && Api.allSettled(list));

        Map<String, Object> shortvideo = deliveries.stream().filter(d -> "shortvideo".equals(d.get("channel"))).findFirst().orElseThrow();
        assertThat(shortvideo.get("status")).isEqualTo("SENT");
        assertThat(shortvideo.get("providerMessageId")).isEqualTo(publishId);
        assertThat(shortvideo.get("providerUrl")).isEqualTo("https://www.tiktok.com/@comunedichivasso/video/7300000000000000002");
        assertThat((String) shortvideo.get("note")).startsWith("TikTok PUBLISH_COMPLETE, post 7300000000000000002 (FILE_UPLOAD of ")
                .endsWith(" bytes in 1 chunk, PUBLIC_TO_EVERYONE)");

        // The caption package, over REST, as on-call staff see it.
        JsonNode pkg = mapper.readTree(given().header("Authorization", Tokens.of("lucia.verdi", "viewer"))
                .get(location + "/captions/chivasso.json").then().statusCode(200).contentType("application/json").extract().asString());
        assertThat(pkg.path("alertId").asText()).isEqualTo(alertId);
        assertThat(pkg.path("caption").asText()).startsWith("⚠️ " + TEST_LABEL).endsWith("@comunedichivasso #ChivassoSocial");
        assertThat(pkg.path("hashtags").get(0).asText()).isEqualTo("#ChivassoSocial");
        assertThat(pkg.path("script").asText()).startsWith(TEST_LABEL).endsWith(TEST_LABEL + ".");
        assertThat(pkg.path("cues").size()).isGreaterThan(3);
        assertThat(pkg.path("variants").path("reels").path("maxHashtags").asInt()).isEqualTo(30);
        assertThat(pkg.path("variants").path("shorts").path("text").asText()).startsWith(TEST_LABEL);

        // TikTok got that caption, and the very video this service serves, in one chunk, then was asked for its status.
        LoggedRequest init = only(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))
                .withRequestBody(matchingJsonPath("$.post_info.title", containing(marker)))));
        JsonNode initBody = mapper.readTree(init.getBodyAsString());
        assertThat(init.getHeader("Authorization")).isEqualTo("Bearer act.test-chivasso");
        assertThat(initBody.path("post_info").path("title").asText()).isEqualTo(pkg.path("caption").asText());
        assertThat(initBody.path("post_info").path("privacy_level").asText()).isEqualTo("PUBLIC_TO_EVERYONE");
        byte[] mp4 = given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/chivasso.mp4")
                .then().statusCode(200).contentType("video/mp4").header("Accept-Ranges", "bytes").extract().asByteArray();
        assertThat(initBody.path("source_info").path("source").asText()).isEqualTo("FILE_UPLOAD");
        assertThat(initBody.path("source_info").path("video_size").asLong()).isEqualTo(mp4.length);
        assertThat(initBody.path("source_info").path("chunk_size").asLong()).isEqualTo(mp4.length);
        assertThat(initBody.path("source_info").path("total_chunk_count").asInt()).isEqualTo(1);
        LoggedRequest upload = only(Providers.tiktok().find(putRequestedFor(urlPathEqualTo("/upload/video/")).withQueryParam("upload_id", equalTo(marker))));
        assertThat(upload.getHeader("Content-Range")).isEqualTo("bytes 0-" + (mp4.length - 1) + "/" + mp4.length);
        assertThat(upload.getHeader("Content-Type")).isEqualTo("video/mp4");
        assertThat(upload.getBody()).isEqualTo(mp4);
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/status/fetch/"))
                .withRequestBody(equalToJson("{\"publish_id\":\"" + publishId + "\"}")));
        // The publish id was on deliveries.v1 before the post was confirmed: a dispatcher that dies meanwhile leaves it to the next.
        String deliveryId = (String) shortvideo.get("deliveryId");
        JsonNode pending = mapper.readTree(read(Topics.DELIVERIES, deliveryId, v -> v.contains("\"pendingId\"")).value());
        assertThat(pending.path("status").asText()).isEqualTo("SENDING");
        assertThat(pending.path("pendingId").asText()).isEqualTo(publishId);
        assertThat(pending.path("version").asLong()).isLessThan(((Number) shortvideo.get("version")).longValue());
        assertThat(shortvideo).doesNotContainKey("pendingId");

        // The video a player would show: vertical, H.264 and AAC, the cues in its subtitle track.
        Path file = Files.write(Files.createTempFile("flow-", ".mp4"), mp4);
        try {
            JsonNode probe = MediaProbe.probe(file, null);
            assertThat(probe.path("streams").get(0).path("width").asInt()).isEqualTo(1080);
            assertThat(probe.path("streams").get(0).path("height").asInt()).isEqualTo(1920);
            assertThat(probe.path("format").path("duration").asDouble()).isLessThan(60)
                    .isCloseTo(pkg.path("durationMs").asLong() / 1000.0, org.assertj.core.api.Assertions.within(0.1));
        } finally {
            Files.deleteIfExists(file);
        }

        // Subtitles in both formats, the same cues as the package.
        String srt = given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/chivasso.srt")
                .then().statusCode(200).contentType("application/x-subrip").extract().asString();
        assertThat(srt).startsWith("1\n00:00:00,500 --> ").contains("MESSAGGIO DI TEST");
        String vtt = given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/chivasso.vtt")
                .then().statusCode(200).contentType("text/vtt").extract().asString();
        assertThat(vtt).startsWith("WEBVTT\n\n1\n00:00:00.500 --> ");
        assertThat(srt.split("\n\n")).hasSize(pkg.path("cues").size());

        // captions.v1: the same package for other systems, keyed alertId:target.
        JsonNode onKafka = mapper.readTree(readCaptions(alertId + ":chivasso").value());
        assertThat(onKafka.path("caption").asText()).isEqualTo(pkg.path("caption").asText());
        assertThat(onKafka.path("contentHash").asText()).isEqualTo(pkg.path("contentHash").asText());
        assertThat(onKafka.path("cues")).isEqualTo(pkg.path("cues"));
        assertThat(onKafka.path("language").asText()).isEqualTo("it-IT");
    }

    @Test
    void aPublishIdLeftByADispatcherThatDiedIsAskedAboutAndNotPostedAgain() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String earlier = "v_pub_file~v2.74" + marker;
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        alert.put("status", "Test");
        ((ObjectNode) alert.path("info").get(0)).put("headline", "Allerta arancione per piogge intense " + marker);
        String alertId = io.banditore.support.Alerts.id(alert);
        String deliveryId = io.banditore.routing.DeliveryIds.of(alertId, "shortvideo", "chivasso");
        // The dispatcher that died: its last word on Kafka, a minute ago, was the publish id TikTok gave it.
        statuses.record(new io.banditore.delivery.DeliveryStatus(deliveryId, alertId, alert.path("identifier").asText(), "shortvideo", "chivasso",
                io.banditore.delivery.DeliveryState.SENDING, 1, 1, 1, List.of(), null, null, Instant.now().minusSeconds(60), 3, null,
                "a-dispatcher-that-died", 0, null, earlier)).await().atMost(Duration.ofSeconds(10));
        Providers.tiktok().register(post(urlEqualTo("/v2/post/publish/status/fetch/")).atPriority(1)
                .withRequestBody(equalToJson("{\"publish_id\":\"" + earlier + "\"}"))
                .willReturn(okJson("{\"data\":{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[7300000000000000074]},"
                        + "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"x\"}}")));

        String location = Api.post(alert.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");
        Map<String, Object> shortvideo = Api.awaitSettled(location, "shortvideo", "chivasso");

        assertThat(shortvideo.get("status")).isEqualTo("SENT");
        assertThat(shortvideo.get("providerMessageId")).isEqualTo(earlier);
        assertThat(shortvideo.get("providerUrl")).isEqualTo("https://www.tiktok.com/@comunedichivasso/video/7300000000000000074");
        assertThat((String) shortvideo.get("note")).endsWith("(resumed publish id " + earlier + ")");
        // TikTok was asked about the post it already had, and never asked to make another.
        assertThat(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))
                .withRequestBody(matchingJsonPath("$.post_info.title", containing(marker))))).isEmpty();
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/status/fetch/"))
                .withRequestBody(equalToJson("{\"publish_id\":\"" + earlier + "\"}")));
    }

    @Test
    void onlyReadersOrASignedLinkGetTheVideo() {
        String location = postTest("Allerta per vento forte");
        String alertId = location.substring(location.lastIndexOf('/') + 1);

        // Without a token: subtitles and package are refused; so is the video without a valid signed link.
        given().get(location + "/captions/chivasso.srt").then().statusCode(401);
        given().get(location + "/captions/chivasso.json").then().statusCode(401);
        given().get(location + "/captions/chivasso.mp4").then().statusCode(401).contentType("application/problem+json");
        given().get(location + "/captions/chivasso.mp4?lang=it-IT&expires=9999999999&signature=forged").then().statusCode(403);
        // A role that is not a reader's.
        given().header("Authorization", Tokens.of("robot", "nobody")).get(location + "/captions/chivasso.mp4").then().statusCode(403);

        String link = links.link(alertId, "chivasso", "it-IT");
        String pathAndQuery = link.substring(link.indexOf("/api/"));
        assertThat(link).startsWith("http://localhost:8080/api/v1/alerts/" + alertId + "/captions/chivasso.mp4?lang=it-IT&expires=");
        byte[] whole = given().get(pathAndQuery).then().statusCode(200).contentType("video/mp4").extract().asByteArray();
        assertThat(whole.length).isGreaterThan(10_000);
        // A signed link names one alert, town and language: changing any of them voids it.
        given().get(pathAndQuery.replace("lang=it-IT", "lang=en")).then().statusCode(403);
        given().get(pathAndQuery.replace(alertId, UUID.randomUUID().toString())).then().statusCode(403);

        // A player's range request.
        byte[] first = given().header("Range", "bytes=0-99").get(pathAndQuery).then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + whole.length).extract().asByteArray();
        assertThat(first).isEqualTo(java.util.Arrays.copyOf(whole, 100));
        given().header("Range", "bytes=" + whole.length + "-").get(pathAndQuery).then().statusCode(416);

        // Towns outside the alert, or without a short-video account, have no captions.
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/trieste.json").then().statusCode(404);
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/nowhere.srt").then().statusCode(404);
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get("/api/v1/alerts/" + UUID.randomUUID() + "/captions/chivasso.vtt")
                .then().statusCode(404);
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/captions/chivasso.json?lang=fr").then().statusCode(404);
    }

    @Test
    void aTownWithoutATokenGetsItsCaptionsAndIsToldWhereTheVideoIs() throws Exception {
        Target chivasso = directory.find("chivasso").orElseThrow();
        ChannelAccount noToken = new ChannelAccount(null, "comunedichivasso", List.of(), List.of("#ChivassoSocial"), "no-such-secret");
        var alert = ShortVideoFixtures.alert("chivasso-rain-actual.json");
        String alertId = "no-token-" + UUID.randomUUID();
        SendRequest request = new SendRequest(alertId, alert, chivasso, noToken, 1, 1, channel.render(RenderRequest.of(alert, chivasso, Instant.now())).get(0).text(), null);

        assertThat(channel.limits(request)).isEmpty();
        SendOutcome outcome = channel.send(request).await().atMost(Duration.ofSeconds(30));
        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("no TikTok token for chivasso: captions published on captions.v1; "
                + "the video is rendered on request at /api/v1/alerts/" + alertId + "/captions/chivasso.mp4"));
        assertThat(readCaptions(alertId + ":chivasso").value()).contains("\"target\":\"chivasso\"");
        Providers.tiktok().verifyThat(0, postRequestedFor(urlEqualTo("/v2/post/publish/creator_info/query/"))
                .withHeader("Authorization", equalTo("Bearer no-such-secret")));
    }

    @Test
    void sixInitsAMinutePerToken() {
        Target chivasso = directory.find("chivasso").orElseThrow();
        ChannelAccount probe = new ChannelAccount(null, "comunedichivasso", List.of(), List.of(), "tiktok-probe");
        var alert = ShortVideoFixtures.alert("chivasso-rain-actual.json");
        List<RateLimit> limits = channel.limits(new SendRequest("a", alert, chivasso, probe, 1, 1, "t", null));
        assertThat(limits).contains(new RateLimit("tiktok/init/tiktok-probe", 6, Duration.ofMinutes(1)));

        // Five at once: TikTok's six less the dispatchers' 5 % headroom (banditore.dispatch.rate-headroom).
        for (int i = 0; i < 5; i++) {
            assertThat(rateLimiter.acquire(limits).await().atMost(Duration.ofMillis(500))).isNull();
        }
        // The sixth waits for the bucket to refill (about ten seconds), holding no thread.
        var sixth = rateLimiter.acquire(limits).subscribeAsCompletionStage();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !sixth.toCompletableFuture().isDone());
        sixth.toCompletableFuture().cancel(true);
    }

    @Test
    void aCancelWithoutInfoIsPostedAsAShortWithdrawal() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String headline = "Allerta arancione per piogge intense " + marker;
        String original = postTest(headline);
        await().atMost(Duration.ofSeconds(90)).until(() -> Api.deliveries(original), list -> list.size() == 3 && Api.allSettled(list));
        JsonNode alert = mapper.readTree(given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(original)
                .then().statusCode(200).extract().asString());
        JsonNode published = alert.has("alert") ? alert.path("alert") : alert;

        ObjectNode cancel = mapper.createObjectNode();
        cancel.put("identifier", published.path("identifier").asText() + "-revoca");
        cancel.put("sender", published.path("sender").asText());
        cancel.put("sent", java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        cancel.put("status", "Test").put("msgType", "Cancel").put("scope", "Public");
        cancel.put("references", published.path("sender").asText() + "," + published.path("identifier").asText() + "," + published.path("sent").asText());
        String location = Api.post(cancel.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");

        Map<String, Object> shortvideo = await().atMost(Duration.ofSeconds(90)).until(() -> Api.deliveries(location).stream()
                .filter(d -> "shortvideo".equals(d.get("channel"))).findFirst().orElse(null),
                d -> d != null && List.of("SENT", "FAILED", "SKIPPED").contains(d.get("status")));
        assertThat(shortvideo.get("status")).isEqualTo("SENT");
        LoggedRequest init = only(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))
                .withRequestBody(matchingJsonPath("$.post_info.title", containing("REVOCA: " + headline)))));
        assertThat(mapper.readTree(init.getBodyAsString()).path("post_info").path("title").asText()).isEqualTo("⚠️ " + TEST_LABEL + "\n\n"
                + "REVOCA: " + headline + " — Prefettura di Torino\n\n⚠️ " + TEST_LABEL + "\n\n@comunedichivasso #ChivassoSocial");
    }

    private String postTest(String headline) {
        try {
            ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            alert.put("status", "Test");
            ObjectNode info = (ObjectNode) alert.path("info").get(0);
            info.put("headline", headline);
            info.remove("description");
            return Api.post(alert.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ConsumerRecord<String, String> readCaptions(String key) {
        return read(Topics.CAPTIONS, key, value -> true);
    }

    /** The first record on {@code topic} with this key whose value passes {@code wanted}. */
    private ConsumerRecord<String, String> read(String topic, String key, java.util.function.Predicate<String> wanted) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-read-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        java.util.function.Predicate<ConsumerRecord<String, String>> match = r -> key.equals(r.key()) && wanted.test(r.value());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(match);
            });
            return seen.stream().filter(match).findFirst().orElseThrow();
        }
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
