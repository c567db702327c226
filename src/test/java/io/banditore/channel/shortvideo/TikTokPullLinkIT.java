package io.banditore.channel.shortvideo;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.PendingPost;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.shortvideo.tiktok.TikTokPublisher;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.routing.DeliveryIds;
import io.banditore.dispatch.StatusEvents;
import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * TikTok's PULL_FROM_URL from outside, as TikTok's servers meet it: the link given to TikTok for one delivery attempt
 * serves the video only once that attempt's publish id is on deliveries.v1, so that a publish id a crash kept off the
 * record (TikTok answered video/init, the dispatcher died before its record reached Kafka) gets no video and never
 * becomes a post, and the attempt made after the crash is the only one that does. Here the test plays TikTok: it pulls
 * the link each video/init carried, and reports the publish complete only when the pull got the video.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TikTokPullLinkIT {

    private static final String INIT = "/v2/post/publish/video/init/";
    private static final String STATUS = "/v2/post/publish/status/fetch/";

    @Inject
    VideoLinks links;

    @Inject
    StatusEvents statuses;

    @Inject
    DeliveryLedger ledger;

    @Inject
    TikTokPublisher publisher;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aLinkIsRefusedUntilItsAttemptsPublishIdIsOnRecordAndServedOnceItIs() {
        String alertId = settledTestAlert();
        String deliveryId = DeliveryIds.of(alertId, "shortvideo", "chivasso");

        // An attempt whose publish id never reached Kafka: held for the record (2 s in tests), then refused.
        String lost = pathOf(links.link(alertId, "chivasso", "it-IT", "attempt-" + UUID.randomUUID()));
        long started = System.nanoTime();
        given().get(lost).then().statusCode(404).contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

        // An attempt whose publish id is on record: TikTok gets the video.
        String nonce = "attempt-" + UUID.randomUUID();
        record(ledger.find(deliveryId).orElseThrow().pending("v_pub_url~v2.1" + Math.abs(new java.util.Random().nextInt()), nonce, Instant.now()));
        String onRecord = pathOf(links.link(alertId, "chivasso", "it-IT", nonce));
        byte[] video = given().get(onRecord).then().statusCode(200).contentType("video/mp4").extract().asByteArray();
        assertThat(video.length).isGreaterThan(10_000);
        // The nonce is signed with the rest: a link cannot be moved to another attempt, nor lose its nonce.
        given().get(onRecord.replace("nonce=" + nonce, "nonce=attempt-" + UUID.randomUUID())).then().statusCode(403);
        given().get(onRecord.replace("&nonce=" + nonce, "")).then().statusCode(403);

        // A pull that comes before its record (the record still on its way to Kafka) is held, and served once it arrives.
        String later = "attempt-" + UUID.randomUUID();
        CompletableFuture<Integer> pull = CompletableFuture.supplyAsync(() -> given().get(pathOf(links.link(alertId, "chivasso", "it-IT", later)))
                .then().extract().statusCode());
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !pull.isDone());
        record(ledger.find(deliveryId).orElseThrow().pending("v_pub_url~v2.2" + Math.abs(new java.util.Random().nextInt()), later, Instant.now()));
        assertThat(pull.join()).isEqualTo(200);

        // Once another attempt's publish id is the one pending, the earlier attempt's link serves no more.
        given().get(onRecord).then().statusCode(404);
    }

    @Test
    void aDeliveryResumedAfterAnInitWhosePublishIdWasNeverRecordedMakesExactlyOneCompletePost() throws Exception {
        String alertId = settledTestAlert();
        String deliveryId = DeliveryIds.of(alertId, "shortvideo", "chivasso");
        DeliveryStatus before = ledger.find(deliveryId).orElseThrow();
        String token = "act.pull-" + UUID.randomUUID();
        String lostId = "v_pub_url~v2.lost" + Math.abs(new java.util.Random().nextLong());
        String resumedId = "v_pub_url~v2.resumed" + Math.abs(new java.util.Random().nextLong());
        // TikTok: the first init gets one publish id, the next another; each processes until its pull is decided.
        String scenario = "inits-" + token;
        Providers.tiktok().register(mine(post(urlEqualTo(INIT)), token).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(initAnswer(lostId))).willSetStateTo("second"));
        Providers.tiktok().register(mine(post(urlEqualTo(INIT)), token).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(okJson(initAnswer(resumedId))));
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS)), token).willReturn(okJson(status("PROCESSING_DOWNLOAD", null))));

        // The dispatcher that dies: TikTok answers its video/init, and the process ends before the record reaches Kafka.
        String lostNonce = "attempt-" + UUID.randomUUID();
        PendingPost dies = new PendingPost() {
            @Override
            public String earlier() {
                return before.pendingId();
            }

            @Override
            public String nonce() {
                return lostNonce;
            }

            @Override
            public Uni<Void> taken(String providerId) {
                return Uni.createFrom().nothing();
            }
        };
        var crashed = publish(token, alertId, dies).subscribe().asCompletionStage();
        LoggedRequest firstInit = awaitInit(token, 1);
        int firstPull = tiktokPulls(token, lostId, firstInit);
        crashed.cancel(true);

        // After the restart: the ledger has no publish id for the delivery, so the attempt initialises again.
        assertThat(ledger.find(deliveryId).orElseThrow().pendingId()).isEqualTo(before.pendingId());
        String nonce = "attempt-" + UUID.randomUUID();
        PendingPost resumed = new PendingPost() {
            @Override
            public String earlier() {
                return ledger.find(deliveryId).orElseThrow().pendingId();
            }

            @Override
            public String nonce() {
                return nonce;
            }

            @Override
            public Uni<Void> taken(String providerId) {
                return statuses.record(ledger.find(deliveryId).orElseThrow().pending(providerId, nonce, Instant.now())).replaceWithVoid();
            }
        };
        var outcome = publish(token, alertId, resumed).subscribe().asCompletionStage();
        LoggedRequest secondInit = awaitInit(token, 2);
        int secondPull = tiktokPulls(token, resumedId, secondInit);
        SendOutcome result = outcome.toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);

        // The lost publish id got no video (TikTok failed it); the resumed one got it and is the one post.
        assertThat(firstPull).isEqualTo(404);
        assertThat(secondPull).isEqualTo(200);
        assertThat(result).isInstanceOf(SendOutcome.Sent.class);
        assertThat(((SendOutcome.Sent) result).messageId()).isEqualTo(resumedId);
        assertThat(Providers.tiktok().find(postRequestedFor(urlEqualTo(INIT)).withHeader("Authorization", equalTo("Bearer " + token)))).hasSize(2);
        assertThat(mapper.readTree(firstInit.getBodyAsString()).path("source_info").path("video_url").asText()).contains("nonce=" + lostNonce);
        assertThat(mapper.readTree(secondInit.getBodyAsString()).path("source_info").path("video_url").asText()).contains("nonce=" + nonce);
        // The resumed attempt asked only about its own publish id.
        assertThat(Providers.tiktok().find(postRequestedFor(urlEqualTo(STATUS)).withRequestBody(equalToJson("{\"publish_id\":\"" + lostId + "\"}"))
                .withHeader("Authorization", equalTo("Bearer " + token)))).allSatisfy(r -> assertThat(r.getLoggedDate()).isBefore(secondInit.getLoggedDate()));
    }

    /** TikTok's side of PULL_FROM_URL: fetch the link the init carried, then report the publish by what the fetch got. */
    private int tiktokPulls(String token, String publishId, LoggedRequest init) throws Exception {
        String url = mapper.readTree(init.getBodyAsString()).path("source_info").path("video_url").asText();
        var answer = given().get(pathOf(url)).then().extract();
        boolean got = answer.statusCode() == 200 && answer.asByteArray().length > 10_000;
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS)), token).atPriority(1)
                .withRequestBody(equalToJson("{\"publish_id\":\"" + publishId + "\"}"))
                .willReturn(okJson(got ? status("PUBLISH_COMPLETE", null) : status("FAILED", "video_pull_failed"))));
        return answer.statusCode();
    }

    private Uni<SendOutcome> publish(String token, String alertId, PendingPost pending) {
        String link = links.link(alertId, "chivasso", "it-IT", pending.nonce());
        return publisher.publish(token, "comunedichivasso", "Allerta gialla #ChivassoSocial", TikTokPublisher.VideoSource.link(link, 20_000),
                LastMomentCheck.NONE, pending);
    }

    private LoggedRequest awaitInit(String token, int nth) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> Providers.tiktok().find(postRequestedFor(urlEqualTo(INIT)).withHeader("Authorization", equalTo("Bearer " + token))),
                found -> found.size() >= nth).stream().sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList().get(nth - 1);
    }

    private static MappingBuilder mine(MappingBuilder request, String token) {
        return request.withHeader("Authorization", equalTo("Bearer " + token)).atPriority(2);
    }

    private void record(DeliveryStatus status) {
        statuses.record(status).await().atMost(Duration.ofSeconds(10));
    }

    /** A test alert for Chivasso, posted and its short-video delivery settled; its id. */
    private String settledTestAlert() {
        try {
            ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            alert.put("status", "Test");
            ObjectNode info = (ObjectNode) alert.path("info").get(0);
            info.put("headline", "Allerta per vento forte " + UUID.randomUUID().toString().substring(0, 8));
            info.remove("description");
            String location = Api.post(alert.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");
            Api.awaitSettled(location, "shortvideo", "chivasso");
            return location.substring(location.lastIndexOf('/') + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String pathOf(String link) {
        return link.substring(link.indexOf("/api/"));
    }

    private static String initAnswer(String publishId) {
        return "{\"data\":{\"publish_id\":\"" + publishId + "\"},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"i\"}}";
    }

    private static String status(String state, String failReason) {
        return "{\"data\":{\"status\":\"" + state + "\"" + (failReason == null ? "" : ",\"fail_reason\":\"" + failReason + "\"")
                + ",\"publicaly_available_post_id\":[],\"uploaded_bytes\":0},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"s\"}}";
    }
}
