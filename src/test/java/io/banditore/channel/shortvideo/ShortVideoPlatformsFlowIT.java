package io.banditore.channel.shortvideo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.kafka.Topics;
import io.banditore.support.Alerts;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Verona's short video the whole way on the three platforms it is on: one video and one caption package, posted on
 * TikTok, as an Instagram Reel and as a YouTube Short, each a delivery with its own status and provider id; what each
 * platform received and did not; and the lifecycle checks (a Cancel, an expiry) that keep a withdrawn alert off them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class ShortVideoPlatformsFlowIT {

    private static final String VERONA = "023091";
    private static final String IG_USER = "17841400000000091";
    private static final String EXERCISE_LABEL = "ESERCITAZIONE – non è un'allerta reale";
    private static final String YT_START = "/upload/youtube/v3/videos";
    private static final List<String> SECRETS = List.of("act.test-verona", "EAAtestveronainstagram", "test-verona-client-secret",
            "1//test-verona-refresh", "ya29.test-access");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Every log line of the service while a case runs. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLoggerName() + " " + new SimpleFormatter().formatMessage(record)
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
        // No token, refresh token, client secret or upload session in any log line of any case.
        assertThat(logged).isNotEmpty().allSatisfy(line -> {
            SECRETS.forEach(secret -> assertThat(line).doesNotContain(secret));
            assertThat(line).doesNotContain("upload_id=test-session");
        });
    }

    @Test
    void oneVideoGoesToTikTokInstagramAndYouTubeEachWithItsOwnStatus() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode alert = marked(Alerts.exercise(VERONA), marker);
        String location = posted(alert);
        String alertId = location.substring(location.lastIndexOf('/') + 1);

        List<Map<String, Object>> deliveries = Api.awaitDeliveries(location, list -> list.size() == 3 && Api.allSettled(list));

        assertThat(deliveries).extracting(d -> d.get("channel") + " " + d.get("target") + " " + d.get("status"))
                .containsExactlyInAnyOrder("shortvideo verona SENT", "instagram verona SENT", "youtube verona SENT");
        Map<String, Object> instagram = delivery(deliveries, "instagram");
        assertThat(instagram.get("deliveryId")).isEqualTo(alertId + ":instagram:verona");
        assertThat(instagram.get("providerMessageId")).isEqualTo("17920000000000001");
        assertThat(instagram.get("providerUrl")).isEqualTo("https://www.instagram.com/reel/C1verona/");
        Map<String, Object> youtube = delivery(deliveries, "youtube");
        assertThat(youtube.get("deliveryId")).isEqualTo(alertId + ":youtube:verona");
        assertThat(youtube.get("providerMessageId")).isEqualTo("ytShort00001");
        assertThat(youtube.get("providerUrl")).isEqualTo("https://www.youtube.com/shorts/ytShort00001");
        assertThat(delivery(deliveries, "shortvideo").get("providerUrl")).isEqualTo("https://www.tiktok.com/@comunediverona/video/7300000000000000002");
        assertThat(mapper.writeValueAsString(deliveries)).satisfies(json -> SECRETS.forEach(secret -> assertThat(json).doesNotContain(secret)));

        JsonNode pkg = mapper.readTree(given().header("Authorization", Tokens.of("lucia.verdi", "viewer"))
                .get(location + "/captions/verona.json").then().statusCode(200).extract().asString());

        // Instagram: a REELS container of the signed link to this very video, with the Reels caption, labelled.
        LoggedRequest container = only(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media"))
                .withRequestBody(containing(marker))));
        assertThat(container.getHeader("Authorization")).isEqualTo("Bearer EAAtestveronainstagram");
        String caption = container.formParameters().get("caption").firstValue();
        assertThat(caption).isEqualTo(pkg.path("variants").path("reels").path("text").asText()).startsWith("⚠️ " + EXERCISE_LABEL)
                .contains("#VeronaInforma");
        String videoUrl = container.formParameters().get("video_url").firstValue();
        assertThat(videoUrl).startsWith("http://localhost:8080/api/v1/alerts/" + alertId + "/captions/verona.mp4?lang=it-IT&expires=");
        assertThat(container.formParameters().get("media_type").firstValue()).isEqualTo("REELS");
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media_publish"))
                .withRequestBody(containing("creation_id=17890000000000001")))).isNotEmpty();
        // The link Instagram fetches serves the video without a token: the very bytes YouTube and TikTok got.
        byte[] served = given().urlEncodingEnabled(false).get(videoUrl.replace("http://localhost:8080", "")).then().statusCode(200)
                .extract().asByteArray();

        // YouTube: the Shorts title, the full caption and #Shorts, News & Politics, public, and the same bytes.
        LoggedRequest start = only(Providers.youtube().find(postRequestedFor(urlPathEqualTo(YT_START)).withRequestBody(containing(marker))));
        assertThat(start.getHeader("Authorization")).isEqualTo("Bearer ya29.test-access");
        JsonNode metadata = mapper.readTree(start.getBodyAsString());
        assertThat(metadata.path("snippet").path("title").asText()).isEqualTo(pkg.path("variants").path("shorts").path("text").asText())
                .startsWith(EXERCISE_LABEL.substring(0, 13));
        assertThat(metadata.path("snippet").path("title").asText().length()).isLessThanOrEqualTo(100);
        // YouTube refuses '<' and '>' (the fixture's area has them): they arrive as look-alike quotes.
        assertThat(metadata.path("snippet").path("description").asText())
                .startsWith(pkg.path("caption").asText().replace('<', '‹').replace('>', '›')).endsWith("\n\n#Shorts").doesNotContain("<", ">");
        assertThat(metadata.path("snippet").path("categoryId").asText()).isEqualTo("25");
        assertThat(metadata.path("status").path("privacyStatus").asText()).isEqualTo("public");
        LoggedRequest bytes = only(Providers.youtube().find(putRequestedFor(urlPathEqualTo(YT_START)).withQueryParam("upload_id", equalTo("test-session"))));
        assertThat(bytes.getBody()).isEqualTo(served);
        LoggedRequest tiktok = only(Providers.tiktok().find(putRequestedFor(urlPathEqualTo("/upload/video/"))
                .withHeader("Content-Range", containing("/" + served.length))));
        assertThat(tiktok.getBody()).isEqualTo(served);
    }

    @Test
    void aRefusalOnInstagramHidesNoOtherPostAndNeitherARedeliveredRecordNorARetryPostsAgainWhereItWent() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        var expiredToken = Providers.instagram().register(post(urlPathEqualTo("/v21.0/" + IG_USER + "/media")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AflowX"}}""")));
        String location = posted(marked(Alerts.exercise(VERONA), marker));
        String alertId = location.substring(location.lastIndexOf('/') + 1);

        List<Map<String, Object>> deliveries = Api.awaitDeliveries(location, list -> list.size() == 3 && Api.allSettled(list));

        assertThat(delivery(deliveries, "instagram").get("status")).isEqualTo("FAILED");
        assertThat((String) delivery(deliveries, "instagram").get("error"))
                .isEqualTo("Instagram media 400 code 190/463: Error validating access token: Session has expired. (fbtrace_id AflowX)");
        assertThat(delivery(deliveries, "youtube").get("status")).isEqualTo("SENT");
        assertThat(delivery(deliveries, "shortvideo").get("status")).isEqualTo("SENT");
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media_publish")))).isEmpty();
        int youtubeUploads = uploads().size();
        int youtubeStarts = Providers.youtube().find(postRequestedFor(urlPathEqualTo(YT_START))).size();

        // The YouTube record again, as Kafka redelivers after a crash or a rebalance: the Short is not uploaded twice.
        var record = KafkaRecords.awaitRecords(Topics.DISPATCH_SHORTVIDEO,
                r -> r.value().contains(alertId) && r.value().contains("\"channel\":\"youtube\"")).get(0);
        KafkaRecords.produce(Topics.DISPATCH_SHORTVIDEO, record.key(), record.value());
        KafkaRecords.awaitConsumed("banditore-dispatch-shortvideo", Topics.DISPATCH_SHORTVIDEO);

        assertThat(uploads()).hasSize(youtubeUploads);
        assertThat(Providers.youtube().find(postRequestedFor(urlPathEqualTo(YT_START)))).hasSize(youtubeStarts);
        Map<String, Object> after = Api.awaitSettled(location, "youtube", "verona");
        assertThat(after.get("version")).isEqualTo(delivery(deliveries, "youtube").get("version"));

        // The town renews its token and an operator retries the Instagram delivery: the Reel goes, and only the Reel.
        Providers.instagram().removeStubMapping(expiredToken);
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).post("/api/v1/deliveries/" + alertId + ":instagram:verona/retry")
                .then().statusCode(202);
        Map<String, Object> retried = Api.awaitDelivery(location, "instagram", "verona", d -> "SENT".equals(d.get("status")));
        assertThat(retried.get("providerMessageId")).isEqualTo("17920000000000001");
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media_publish")))).hasSize(1);
        assertThat(uploads()).hasSize(youtubeUploads);
        assertThat(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/")).withRequestBody(containing(marker)))).hasSize(1);
    }

    @Test
    void anAlertCancelledWhileInstagramAndYouTubeMakeItWaitIsPostedOnNeither() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        // Both platforms ask for a wait longer than the test: the Cancel must end it, not the wait.
        Providers.instagram().register(post(urlPathEqualTo("/v21.0/" + IG_USER + "/media")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", "{\"" + IG_USER + "\":[{\"type\":\"instagram\",\"call_count\":100,\"estimated_time_to_regain_access\":10}]}")
                .withBody("{\"error\":{\"message\":\"Application request limit reached\",\"type\":\"OAuthException\",\"code\":4,\"is_transient\":true}}")));
        Providers.youtube().register(post(urlPathEqualTo(YT_START)).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "600").withBody("""
                        {"error":{"code":429,"message":"Too many requests.","errors":[{"message":"rate","domain":"youtube.quota","reason":"rateLimitExceeded"}]}}""")));
        ObjectNode alert = marked(Alerts.exercise(VERONA), marker);
        String location = posted(alert);
        Map<String, Object> waiting = Api.awaitDelivery(location, "instagram", "verona", d -> "RETRYING".equals(d.get("status")));
        assertThat((String) waiting.get("error")).isEqualTo("Instagram media 400 code 4: Application request limit reached");
        assertThat((String) Api.awaitDelivery(location, "youtube", "verona", d -> "RETRYING".equals(d.get("status"))).get("error"))
                .isEqualTo("YouTube videos.insert 429 rateLimitExceeded: Too many requests.");

        ObjectNode cancel = Alerts.cancelWithoutInfo(alert);
        String cancelLocation = posted(cancel);

        for (String platform : List.of("instagram", "youtube")) {
            Map<String, Object> stopped = Api.awaitDelivery(location, platform, "verona", d -> !"RETRYING".equals(d.get("status")));
            assertThat(stopped.get("status")).as(platform).isEqualTo("SKIPPED");
            assertThat((String) stopped.get("error")).as(platform).isEqualTo("cancelled by " + cancel.path("identifier").asText());
            // The Cancel has nothing to withdraw there: the alert never got there.
            Map<String, Object> cancelled = Api.awaitSettled(cancelLocation, platform, "verona");
            assertThat(cancelled.get("status")).as(platform).isEqualTo("SKIPPED");
            assertThat((String) cancelled.get("error")).as(platform).contains("never posted on " + platform);
        }
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media")))).hasSize(1);
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media_publish")))).isEmpty();
        assertThat(Providers.youtube().find(postRequestedFor(urlPathEqualTo(YT_START)))).hasSize(1);
        assertThat(uploads()).isEmpty();
    }

    @Test
    void anAlertThatExpiresBeforeThePlatformsAllowItIsSkippedAndNeverPosted() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Providers.instagram().register(post(urlPathEqualTo("/v21.0/" + IG_USER + "/media")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The account has reached its publishing limit\",\"type\":\"OAuthException\",\"code\":9,\"error_subcode\":2207042}}")));
        Providers.youtube().register(post(urlPathEqualTo(YT_START)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":400,"message":"The user has exceeded the number of videos they may upload.","errors":[{"message":"limit","domain":"youtube.video","reason":"uploadLimitExceeded"}]}}""")));
        ObjectNode alert = marked(Alerts.exercise(VERONA), marker);
        OffsetDateTime expires = OffsetDateTime.now(ZoneId.of("Europe/Rome")).plusSeconds(90);
        ((ObjectNode) alert.path("info").get(0)).put("expires", expires.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        String location = posted(alert);

        for (String platform : List.of("instagram", "youtube")) {
            Map<String, Object> skipped = Api.awaitSettled(location, platform, "verona");
            assertThat(skipped.get("status")).as(platform).isEqualTo("SKIPPED");
            assertThat((String) skipped.get("error")).as(platform).startsWith("expired at " + expires.toInstant());
        }
        assertThat(Instant.now()).isBefore(expires.toInstant());
        assertThat(Providers.instagram().find(postRequestedFor(urlPathEqualTo("/v21.0/" + IG_USER + "/media_publish")))).isEmpty();
        assertThat(uploads()).isEmpty();
    }

    private static ObjectNode marked(ObjectNode alert, String marker) {
        ((ObjectNode) alert.path("info").get(0)).put("headline", "Allerta arancione per piogge intense " + marker);
        return alert;
    }

    private static String posted(ObjectNode alert) {
        var response = Api.post(alert.toString(), "mario.rossi");
        response.then().statusCode(202);
        return response.header("Location");
    }

    private static Map<String, Object> delivery(List<Map<String, Object>> deliveries, String channel) {
        return deliveries.stream().filter(d -> channel.equals(d.get("channel"))).findFirst().orElseThrow();
    }

    private static List<LoggedRequest> uploads() {
        RequestPatternBuilder put = putRequestedFor(urlPathEqualTo(YT_START));
        return Providers.youtube().find(put);
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
