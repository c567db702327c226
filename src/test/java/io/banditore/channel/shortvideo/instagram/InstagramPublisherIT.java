package io.banditore.channel.shortvideo.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.PendingPost;
import io.banditore.channel.SendOutcome;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Instagram Reels through the Graph API's content publishing, against the provider stub, each case with an account
 * and token of its own: what Instagram receives (and does not), and what each of its answers means.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class InstagramPublisherIT {

    private static final String V = "/v21.0/";
    private static final String VIDEO_URL = "https://banditore.example/api/v1/alerts/a1/captions/verona.mp4?lang=it&expires=1&signature=s";
    private static final String CAPTION = "🟠 Allerta arancione per piogge intense\n\n@comunediverona #VeronaInforma";

    @Inject
    InstagramPublisher publisher;

    private String token;
    private String igUser;
    private String container;
    private String media;

    @BeforeEach
    void stubs() {
        Providers.resetAll();
        long n = Math.abs(new Random().nextLong() % 1_000_000_000L);
        token = "EAAcase" + n + "secret";
        igUser = "1784140" + n;
        container = "1789000" + n;
        media = "1792000" + n;
        stub(get(urlPathEqualTo(V + igUser + "/content_publishing_limit")), okJson(limit(3, 100)));
        stub(post(urlPathEqualTo(V + igUser + "/media")), okJson("{\"id\":\"" + container + "\"}"));
        // Instagram fetches and processes the video: IN_PROGRESS first, then FINISHED.
        Providers.instagram().register(mine(get(urlPathEqualTo(V + container))).withQueryParam("fields", equalTo("status_code,status"))
                .inScenario(container).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("processed")
                .willReturn(okJson("{\"status_code\":\"IN_PROGRESS\",\"status\":\"In Progress\",\"id\":\"" + container + "\"}")));
        Providers.instagram().register(mine(get(urlPathEqualTo(V + container))).withQueryParam("fields", equalTo("status_code,status"))
                .inScenario(container).whenScenarioStateIs("processed")
                .willReturn(okJson("{\"status_code\":\"FINISHED\",\"status\":\"Finished\",\"id\":\"" + container + "\"}")));
        stub(post(urlPathEqualTo(V + igUser + "/media_publish")), okJson("{\"id\":\"" + media + "\"}"));
        stub(get(urlPathEqualTo(V + media)), okJson("{\"permalink\":\"https://www.instagram.com/reel/C" + n + "/\",\"id\":\"" + media + "\"}"));
    }

    @Test
    void aReelIsMadeFromTheSignedLinkAwaitedAndPublished() {
        List<String> told = new ArrayList<>();

        SendOutcome outcome = publish(recorder(null, told), LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(media, "https://www.instagram.com/reel/C" + igUser.substring(7) + "/",
                "Instagram Reel published (container " + container + ")"));
        assertThat(told).containsExactly("taken " + container);
        LoggedRequest create = only(postRequestedFor(urlPathEqualTo(V + igUser + "/media")));
        assertThat(create.formParameters().get("media_type").firstValue()).isEqualTo("REELS");
        assertThat(create.formParameters().get("video_url").firstValue()).isEqualTo(VIDEO_URL);
        assertThat(create.formParameters().get("caption").firstValue()).isEqualTo(CAPTION);
        assertThat(create.formParameters().get("share_to_feed").firstValue()).isEqualTo("true");
        assertThat(requests(getRequestedFor(urlPathEqualTo(V + container)))).hasSize(2);
        LoggedRequest publish = only(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")));
        assertThat(publish.formParameters().get("creation_id").firstValue()).isEqualTo(container);
        only(getRequestedFor(urlPathEqualTo(V + igUser + "/content_publishing_limit")).withQueryParam("fields", equalTo("config,quota_usage")));
        // The token travels in the Authorization header only: never in a URL, where logs and traces would keep it.
        assertThat(Providers.instagram().find(anyRequestedFor(anyUrl()))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getUrl()).doesNotContain(token).doesNotContain("access_token"));
    }

    @Test
    void anInvalidTokenIsPermanentAndMakesNoContainer() {
        stub(get(urlPathEqualTo(V + igUser + "/content_publishing_limit")), graphError(400, 190, 463,
                "Error validating access token: Session has expired."));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason()).startsWith("Instagram content_publishing_limit 400 code 190/463: Error validating access token");
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media")))).isEmpty();
        assertNoToken(outcome);
    }

    @Test
    void aMissingPermissionIsPermanent() {
        stub(post(urlPathEqualTo(V + igUser + "/media")), graphError(403, 10, 0,
                "Application does not have permission for this action"));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Failed("Instagram media 403 code 10: Application does not have permission for this action (fbtrace_id Acase)"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void aVideoInstagramCannotTakeEndsTheContainerInErrorForGood() {
        Providers.instagram().register(mine(get(urlPathEqualTo(V + container))).atPriority(0)
                .willReturn(okJson("{\"status_code\":\"ERROR\",\"status\":\"Error: Media upload has failed with error code 2207026\",\"id\":\"" + container + "\"}")));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Failed("Instagram container " + container
                + " ended in ERROR: Error: Media upload has failed with error code 2207026"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void aContainerWhoseDownloadTimedOutIsTriedAgainLater() {
        Providers.instagram().register(mine(get(urlPathEqualTo(V + container))).atPriority(0)
                .willReturn(okJson("{\"status_code\":\"ERROR\",\"status\":\"Error: Media download has timed out (2207003)\",\"id\":\"" + container + "\"}")));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void aRateLimitWaitsAsLongAsInstagramEstimates() {
        Providers.instagram().register(mine(post(urlPathEqualTo(V + igUser + "/media"))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", "{\"" + igUser + "\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":12,"
                        + "\"total_time\":30,\"estimated_time_to_regain_access\":7}]}")
                .withBody("{\"error\":{\"message\":\"Application request limit reached\",\"type\":\"OAuthException\",\"code\":4,"
                        + "\"is_transient\":true,\"fbtrace_id\":\"Acase\"}}")));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ofMinutes(7),
                "Instagram media 400 code 4: Application request limit reached (fbtrace_id Acase)"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void aServerErrorIsTriedAgain() {
        stub(post(urlPathEqualTo(V + igUser + "/media")), aResponse().withStatus(503).withBody("Service Unavailable"));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO, "Instagram media 503: Service Unavailable"));
    }

    @Test
    void anAccountThatUsedItsPublishingLimitWaitsAndPostsNothing() {
        stub(get(urlPathEqualTo(V + igUser + "/content_publishing_limit")), okJson(limit(100, 100)));

        SendOutcome outcome = publish(PendingPost.NONE, LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ofMinutes(15),
                "Instagram account " + igUser + " has used its publishing limit (100 of 100 posts in 24 h)"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media")))).isEmpty();
    }

    @Test
    void aContainerAnEarlierAttemptPublishedIsNeverPublishedAgain() {
        Providers.instagram().register(mine(get(urlPathEqualTo(V + container))).atPriority(0)
                .willReturn(okJson("{\"status_code\":\"PUBLISHED\",\"status\":\"Published\",\"id\":\"" + container + "\"}")));

        SendOutcome outcome = publish(recorder(container, new ArrayList<>()), LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(container, null,
                "Instagram PUBLISHED by an earlier attempt (container " + container + "); not published again"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media")))).isEmpty();
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void aContainerAnEarlierAttemptLeftFinishedIsPublishedWithoutANewOne() {
        SendOutcome outcome = publish(recorder(container, new ArrayList<>()), LastMomentCheck.NONE);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media")))).isEmpty();
        assertThat(only(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish"))).formParameters().get("creation_id").firstValue())
                .isEqualTo(container);
    }

    @Test
    void anAlertWithdrawnWhileInstagramProcessedTheVideoIsNotPublished() {
        AtomicInteger asked = new AtomicInteger();
        LastMomentCheck cancelledMeanwhile = () -> asked.incrementAndGet() == 1 ? Optional.empty()
                : Optional.of("cancelled: alert withdrawn by a CAP Cancel");

        SendOutcome outcome = publish(PendingPost.NONE, cancelledMeanwhile);

        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("cancelled: alert withdrawn by a CAP Cancel (container " + container + " left unpublished)"));
        only(postRequestedFor(urlPathEqualTo(V + igUser + "/media")));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    @Test
    void anAlertWithdrawnBeforeTheContainerMakesNothing() {
        SendOutcome outcome = publish(PendingPost.NONE, () -> Optional.of("expired: the alert's validity has ended"));

        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("expired: the alert's validity has ended"));
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media")))).isEmpty();
        assertThat(requests(postRequestedFor(urlPathEqualTo(V + igUser + "/media_publish")))).isEmpty();
    }

    private SendOutcome publish(PendingPost pending, LastMomentCheck lastMoment) {
        SendOutcome outcome = publisher.publish(token, igUser, CAPTION, VIDEO_URL, lastMoment, pending).await().atMost(Duration.ofSeconds(30));
        assertNoToken(outcome);
        return outcome;
    }

    private void assertNoToken(SendOutcome outcome) {
        assertThat(outcome.toString()).doesNotContain(token);
    }

    private static PendingPost recorder(String earlier, List<String> told) {
        return new PendingPost() {
            @Override
            public String earlier() {
                return earlier;
            }

            @Override
            public Uni<Void> taken(String providerId) {
                told.add("taken " + providerId);
                return Uni.createFrom().voidItem();
            }
        };
    }

    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        Providers.instagram().register(mine(request).willReturn(response));
    }

    private MappingBuilder mine(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + token)).atPriority(1);
    }

    private List<LoggedRequest> requests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return Providers.instagram().find(pattern.withHeader("Authorization", equalTo("Bearer " + token)));
    }

    private LoggedRequest only(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = requests(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String limit(int used, int total) {
        return "{\"data\":[{\"config\":{\"quota_total\":" + total + ",\"quota_duration\":86400},\"quota_usage\":" + used + "}]}";
    }

    private static ResponseDefinitionBuilder graphError(int status, int code, int subcode, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + (subcode == 0 ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"Acase\"}}");
    }
}
