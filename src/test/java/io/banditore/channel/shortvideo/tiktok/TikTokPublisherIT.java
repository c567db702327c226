package io.banditore.channel.shortvideo.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.channel.SendOutcome;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The TikTok Direct Post flow against the provider stub, each case with a token of its own (so that the stubs and
 * the requests checked are this case's only): what TikTok receives, and what each of its answers means.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TikTokPublisherIT {

    private static final String CREATOR_INFO = "/v2/post/publish/creator_info/query/";
    private static final String INIT = "/v2/post/publish/video/init/";
    private static final String STATUS = "/v2/post/publish/status/fetch/";
    private static final long VIDEO_MS = 24_500;

    @Inject
    TikTokPublisher publisher;

    private Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private String token;
    private String publishId;
    private Path video;

    @AfterEach
    void removeFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void stubs() throws IOException {
        dir = Files.createTempDirectory("tiktok-case-");
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        token = "act.case-" + UUID.randomUUID();
        publishId = "v_pub_file~v2." + Math.abs(new Random().nextLong());
        video = file(dir.resolve("video.mp4"), 300_000);
        // This case's TikTok: a creator who may post publicly, an init with an upload_url, uploads taken, posts published.
        stub(post(urlEqualTo(CREATOR_INFO)), okJson(creatorInfo("[\"PUBLIC_TO_EVERYONE\",\"MUTUAL_FOLLOW_FRIENDS\",\"SELF_ONLY\"]", 300)));
        stub(post(urlEqualTo(INIT)), okJson("{\"data\":{\"publish_id\":\"" + publishId + "\",\"upload_url\":\"" + uploadUrl()
                + "\"},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"i1\"}}"));
        Providers.tiktok().register(put(urlPathEqualTo("/upload/video/")).withQueryParam("upload_id", equalTo(uploadId())).atPriority(1)
                .willReturn(aResponse().withStatus(201)));
        stub(post(urlEqualTo(STATUS)), okJson(status("PUBLISH_COMPLETE", "[7300000000000000777]", 300_000)));
    }

    @Test
    void aFileIsUploadedWholeAndThePostIsPublishedPublicly() throws Exception {
        SendOutcome outcome = publish(file(video, 300_000));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(publishId, "https://www.tiktok.com/@comunedichivasso/video/7300000000000000777",
                "TikTok PUBLISH_COMPLETE, post 7300000000000000777 (FILE_UPLOAD of 300000 bytes in 1 chunk, PUBLIC_TO_EVERYONE)"));
        JsonNode init = onlyBody(INIT);
        assertThat(init.path("post_info").path("title").asText()).isEqualTo("Allerta gialla #ChivassoSocial");
        assertThat(init.path("post_info").path("privacy_level").asText()).isEqualTo("PUBLIC_TO_EVERYONE");
        assertThat(init.path("post_info").path("disable_duet").asBoolean()).isTrue();
        assertThat(init.path("post_info").path("disable_stitch").asBoolean()).isTrue();
        assertThat(init.path("post_info").path("disable_comment").asBoolean()).isFalse();
        assertThat(init.path("source_info")).isEqualTo(mapper.readTree(
                "{\"source\":\"FILE_UPLOAD\",\"video_size\":300000,\"chunk_size\":300000,\"total_chunk_count\":1}"));
        List<LoggedRequest> puts = uploads();
        assertThat(puts).singleElement().satisfies(p -> {
            assertThat(p.getHeader("Content-Range")).isEqualTo("bytes 0-299999/300000");
            assertThat(p.getHeader("Content-Type")).isEqualTo("video/mp4");
            assertThat(p.getHeader("Content-Length")).isEqualTo("300000");
            assertThat(p.getBody()).isEqualTo(Files.readAllBytes(video));
            assertThat(p.getUrl()).contains("upload_token=case-token");
        });
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"publish_id\":\"" + publishId + "\"}")));
    }

    @Test
    void aLargeFileGoesInChunksInOrder() throws Exception {
        Path large = file(dir.resolve("large.mp4"), 21_000_000);
        SendOutcome outcome = publisher.publish(token, "comunedichivasso", "Allerta gialla", TikTokPublisher.VideoSource.file(large, 21_000_000, VIDEO_MS))
                .await().atMost(Duration.ofSeconds(60));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(onlyBody(INIT).path("source_info")).isEqualTo(mapper.readTree(
                "{\"source\":\"FILE_UPLOAD\",\"video_size\":21000000,\"chunk_size\":10000000,\"total_chunk_count\":2}"));
        List<LoggedRequest> puts = uploads();
        assertThat(puts).extracting(p -> p.getHeader("Content-Range"))
                .containsExactly("bytes 0-9999999/21000000", "bytes 10000000-20999999/21000000");
        byte[] all = Files.readAllBytes(large);
        assertThat(puts.get(0).getBody()).isEqualTo(Arrays.copyOfRange(all, 0, 10_000_000));
        assertThat(puts.get(1).getBody()).isEqualTo(Arrays.copyOfRange(all, 10_000_000, 21_000_000));
    }

    @Test
    void aLinkIsPulledWhenThereIsNoFile() throws Exception {
        SendOutcome outcome = publisher.publish(token, "comunedichivasso", "Allerta gialla",
                TikTokPublisher.VideoSource.link("https://banditore.example/api/v1/alerts/a/captions/chivasso.mp4?signature=s", VIDEO_MS))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(((SendOutcome.Sent) outcome).note()).contains("PULL_FROM_URL");
        assertThat(onlyBody(INIT).path("source_info")).isEqualTo(mapper.readTree(
                "{\"source\":\"PULL_FROM_URL\",\"video_url\":\"https://banditore.example/api/v1/alerts/a/captions/chivasso.mp4?signature=s\"}"));
        assertThat(uploads()).isEmpty();
    }

    @Test
    void onlyThePrivacyLevelsOfferedAreUsedAndNeverPublicWhenItIsNot() throws Exception {
        stub(post(urlEqualTo(CREATOR_INFO)), okJson(creatorInfo("[\"SELF_ONLY\",\"MUTUAL_FOLLOW_FRIENDS\"]", 300)));
        assertThat(publish(video)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(onlyBody(INIT).path("post_info").path("privacy_level").asText()).isEqualTo("MUTUAL_FOLLOW_FRIENDS");
    }

    @Test
    void aCreatorWhoCanPostInNoLevelWeKnowGetsNothing() {
        stub(post(urlEqualTo(CREATOR_INFO)), okJson(creatorInfo("[]", 300)));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason()).startsWith("TikTok offers comunedichivasso none of the privacy levels");
        assertThat(requests(INIT)).isEmpty();
    }

    @Test
    void aCreatorWhoDisabledCommentsKeepsThemDisabled() throws Exception {
        stub(post(urlEqualTo(CREATOR_INFO)), okJson(creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", 300).replace("\"comment_disabled\":false", "\"comment_disabled\":true")));
        assertThat(publish(video)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(onlyBody(INIT).path("post_info").path("disable_comment").asBoolean()).isTrue();
    }

    @Test
    void aVideoLongerThanTheCreatorMayPostIsNotInitialised() {
        stub(post(urlEqualTo(CREATOR_INFO)), okJson(creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", 10)));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isEqualTo(new SendOutcome.Failed("TikTok takes videos of at most 10 s from comunedichivasso; this one lasts 24.5 s"));
        assertThat(requests(INIT)).isEmpty();
    }

    @Test
    void anInvalidTokenIsPermanentWithTikToksReason() {
        stub(post(urlEqualTo(CREATOR_INFO)), error(401, "access_token_invalid", "The access token is invalid or not found in the request."));
        assertThat(publish(video)).isEqualTo(new SendOutcome.Failed(
                "TikTok creator_info 401 access_token_invalid: The access token is invalid or not found in the request. (log_id case-log)"));
        assertThat(requests(INIT)).isEmpty();
    }

    @Test
    void tooManyPostsIsPermanent() {
        stub(post(urlEqualTo(INIT)), error(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user."));
        assertThat(publish(video)).isEqualTo(new SendOutcome.Failed(
                "TikTok video/init 403 spam_risk_too_many_posts: The daily post cap from the API is reached for the current user. (log_id case-log)"));
        assertThat(uploads()).isEmpty();
        assertThat(requests(STATUS)).isEmpty();
    }

    @Test
    void anUnauditedClientPostingPubliclyIsPermanent() {
        stub(post(urlEqualTo(INIT)), error(403, "unaudited_client_can_only_post_to_private_accounts",
                "Please review our integration guidelines."));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason()).startsWith("TikTok video/init 403 unaudited_client_can_only_post_to_private_accounts:");
        assertThat(uploads()).isEmpty();
    }

    @Test
    void aPrivacyLevelMismatchIsPermanent() {
        stub(post(urlEqualTo(INIT)), error(403, "privacy_level_option_mismatch", "privacy_level is not one of the options"));
        assertThat(publish(video)).isInstanceOf(SendOutcome.Failed.class);
    }

    @Test
    void rateLimitedIsTriedAgainAfterTikToksWaitOrTenSeconds() {
        stub(post(urlEqualTo(INIT)), error(429, "rate_limit_exceeded", "API rate limit was exceeded."));
        assertThat(publish(video)).isEqualTo(new SendOutcome.RetryLater(Duration.ofSeconds(10),
                "TikTok video/init 429 rate_limit_exceeded: API rate limit was exceeded. (log_id case-log)"));
        stub(post(urlEqualTo(INIT)), error(429, "rate_limit_exceeded", "API rate limit was exceeded.").withHeader("Retry-After", "3"));
        assertThat(publish(video)).extracting(o -> ((SendOutcome.RetryLater) o).after()).isEqualTo(Duration.ofSeconds(3));
        assertThat(uploads()).isEmpty();
    }

    @Test
    void serverErrorsAreTriedAgain() {
        stub(post(urlEqualTo(INIT)), error(500, "internal_error", "Something went wrong."));
        assertThat(publish(video)).isInstanceOf(SendOutcome.RetryLater.class);
        stub(post(urlEqualTo(CREATOR_INFO)), aResponse().withStatus(502).withBody("<html>Bad gateway</html>"));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).reason()).isEqualTo("TikTok creator_info 502: <html>Bad gateway</html>");
    }

    @Test
    void aLostUploadIsTriedAgainOnlyWhenTikTokHasNotGotTheFile() {
        Providers.tiktok().register(put(urlPathEqualTo("/upload/video/")).withQueryParam("upload_id", equalTo(uploadId())).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        stub(post(urlEqualTo(STATUS)), okJson(status("PROCESSING_UPLOAD", "[]", 0)));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).reason())
                .startsWith("TikTok upload of chunk 1/1 answered 500").endsWith("(publish id " + publishId + " left without its video)");
        assertThat(requests(STATUS)).hasSize(1);

        // The answer was lost, but TikTok has every byte: the post goes on, and is not initialised twice.
        stub(post(urlEqualTo(STATUS)), okJson(status("PUBLISH_COMPLETE", "[7300000000000000778]", 300_000)));
        Providers.tiktok().resetRequests();
        assertThat(publish(video)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(requests(INIT)).hasSize(1);
    }

    @Test
    void aFailedPublishIsPermanentWithItsReason() {
        stub(post(urlEqualTo(STATUS)), okJson(status("FAILED", "[]", 300_000).replace("\"status\":\"FAILED\"", "\"status\":\"FAILED\",\"fail_reason\":\"file_format_check_failed\"")));
        assertThat(publish(video)).isEqualTo(new SendOutcome.Failed("TikTok could not publish " + publishId
                + ": file_format_check_failed (FILE_UPLOAD of 300000 bytes in 1 chunk, PUBLIC_TO_EVERYONE)"));
    }

    @Test
    void aPullTikTokCouldNotMakeIsTriedAgainNeverFailedForGood() {
        // Our link refused the pull (its publish id not on record) or was unreachable: TikTok has no video, posts nothing.
        stub(post(urlEqualTo(STATUS)), okJson(status("FAILED", "[]", 0).replace("\"status\":\"FAILED\"", "\"status\":\"FAILED\",\"fail_reason\":\"video_pull_failed\"")));
        SendOutcome outcome = publisher.publish(token, "comunedichivasso", "Allerta gialla",
                TikTokPublisher.VideoSource.link("https://banditore.example/api/v1/alerts/a/captions/chivasso.mp4?nonce=n&signature=s", VIDEO_MS))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO, "TikTok could not fetch the video of " + publishId
                + " (video_pull_failed): nothing was posted"));
        assertThat(requests(INIT)).hasSize(1);
    }

    @Test
    void aFileIsNotUploadedForAPublishIdThatCouldNotBeRecorded() {
        io.banditore.channel.PendingPost unrecorded = new io.banditore.channel.PendingPost() {
            @Override
            public String earlier() {
                return null;
            }

            @Override
            public io.smallrye.mutiny.Uni<Void> taken(String providerId) {
                return io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("Kafka did not acknowledge"));
            }
        };
        SendOutcome outcome = publish(video, unrecorded);
        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO, "TikTok publish id " + publishId
                + " could not be recorded, so its video was not uploaded and it never becomes a post"));
        // TikTok has the publish id and no byte of its video: it never becomes a post, and nothing asked about it.
        assertThat(uploads()).isEmpty();
        assertThat(requests(STATUS)).isEmpty();
    }

    @Test
    void theStatusIsPolledUntilThePostIsComplete() {
        String scenario = "publish-" + token;
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS))).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status("PROCESSING_UPLOAD", "[]", 100_000))).willSetStateTo("downloading"));
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS))).inScenario(scenario).whenScenarioStateIs("downloading")
                .willReturn(okJson(status("PROCESSING_DOWNLOAD", "[]", 300_000))).willSetStateTo("done"));
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS))).inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(okJson(status("PUBLISH_COMPLETE", "[]", 300_000))));

        SendOutcome outcome = publish(video);
        // A post that is not public has no public id: the link is the account's.
        assertThat(outcome).isEqualTo(new SendOutcome.Sent(publishId, "https://www.tiktok.com/@comunedichivasso",
                "TikTok PUBLISH_COMPLETE (FILE_UPLOAD of 300000 bytes in 1 chunk, PUBLIC_TO_EVERYONE)"));
        assertThat(requests(STATUS)).hasSize(3);
    }

    @Test
    void aPostTikTokNeverConfirmsIsReportedAndNotPostedAgain() {
        stub(post(urlEqualTo(STATUS)), okJson(status("PROCESSING_DOWNLOAD", "[]", 300_000)));
        SendOutcome outcome = publish(video);
        assertThat(outcome).isEqualTo(new SendOutcome.Failed("TikTok did not confirm publish id " + publishId
                + " within PT3S (last status PROCESSING_DOWNLOAD); it is not posted again: check the account before posting by hand"));
        assertThat(requests(INIT)).hasSize(1);
        assertThat(requests(STATUS).size()).isGreaterThan(2);
    }

    @Test
    void thePublishIdIsHandedOverBeforeTheUploadAndTheStatus() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        SendOutcome outcome = publish(video, new Recorder(null, order));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(order).containsExactly("taken " + publishId);
        // Taken before the chunk went up: the recorder was called while TikTok had no upload and no status request yet.
        assertThat(recordedBefore).isEqualTo(List.of(0, 0));
    }

    @Test
    void aPublishIdAnEarlierAttemptLeftCompleteIsReportedSentAndNothingIsPostedAgain() {
        String earlier = "v_pub_file~v2.earlier" + Math.abs(new Random().nextLong());
        stub(post(urlEqualTo(STATUS)).withRequestBody(equalToJson("{\"publish_id\":\"" + earlier + "\"}")),
                okJson(status("PUBLISH_COMPLETE", "[7300000000000000888]", 300_000)));

        SendOutcome outcome = publish(video, new Recorder(earlier, new java.util.ArrayList<>()));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(earlier, "https://www.tiktok.com/@comunedichivasso/video/7300000000000000888",
                "TikTok PUBLISH_COMPLETE, post 7300000000000000888 (resumed publish id " + earlier + ")"));
        assertThat(requests(INIT)).isEmpty();
        assertThat(requests(CREATOR_INFO)).isEmpty();
        assertThat(uploads()).isEmpty();
    }

    @Test
    void aPublishIdStillProcessingIsAwaitedNotPostedAgain() {
        String earlier = "v_pub_url~v2.earlier" + Math.abs(new Random().nextLong());
        String scenario = "resume-" + token;
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS))).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status("PROCESSING_DOWNLOAD", "[]", 0))).willSetStateTo("done"));
        Providers.tiktok().register(mine(post(urlEqualTo(STATUS))).inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(okJson(status("PUBLISH_COMPLETE", "[7300000000000000999]", 0))));

        SendOutcome outcome = publish(video, new Recorder(earlier, new java.util.ArrayList<>()));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(((SendOutcome.Sent) outcome).messageId()).isEqualTo(earlier);
        assertThat(requests(STATUS)).hasSize(2).allSatisfy(r -> assertThat(r.getBodyAsString()).contains(earlier));
        assertThat(requests(INIT)).isEmpty();
    }

    @Test
    void aPublishIdTikTokNeverIssuedOrThatFailedOrLostItsUploadIsPostedAfresh() {
        List<String> answers = List.of("unknown", "FAILED", "PROCESSING_UPLOAD");
        for (int i = 0; i < answers.size(); i++) {
            String answer = answers.get(i);
            String earlier = "v_pub_file~v2.gone" + answer + Math.abs(new Random().nextLong());
            var earlierStatus = post(urlEqualTo(STATUS)).withRequestBody(equalToJson("{\"publish_id\":\"" + earlier + "\"}"));
            stub(earlierStatus, "unknown".equals(answer)
                    ? aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                            "{\"error\":{\"code\":\"invalid_params\",\"message\":\"The publish_id does not exist.\",\"log_id\":\"s1\"}}")
                    : okJson(status(answer, "[]", 100_000)));
            List<String> order = new java.util.ArrayList<>();

            SendOutcome outcome = publish(video, new Recorder(earlier, order));

            assertThat(outcome).as(answer).isInstanceOf(SendOutcome.Sent.class);
            assertThat(((SendOutcome.Sent) outcome).messageId()).as(answer).isEqualTo(publishId);
            assertThat(requests(INIT)).as(answer).hasSize(i + 1);
            assertThat(order).as(answer).containsExactly("taken " + publishId);
        }
    }

    @Test
    void aPublishIdWhoseStatusCannotBeReadIsTriedLaterNeverPostedAgain() {
        String earlier = "v_pub_file~v2.unread" + Math.abs(new Random().nextLong());
        stub(post(urlEqualTo(STATUS)), aResponse().withStatus(503));

        SendOutcome outcome = publish(video, new Recorder(earlier, new java.util.ArrayList<>()));

        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(requests(INIT)).isEmpty();
    }

    /** Counts of uploads and status requests seen by TikTok when the recorder was called. */
    private List<Integer> recordedBefore = List.of();

    /** The dispatcher's side of a pending post, as a test sees it: the earlier id, and what it was told. */
    private final class Recorder implements io.banditore.channel.PendingPost {
        private final String earlier;
        private final List<String> told;

        Recorder(String earlier, List<String> told) {
            this.earlier = earlier;
            this.told = told;
        }

        @Override
        public String earlier() {
            return earlier;
        }

        @Override
        public io.smallrye.mutiny.Uni<Void> taken(String providerId) {
            recordedBefore = List.of(uploads().size(), requests(STATUS).size());
            told.add("taken " + providerId);
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
    }

    private SendOutcome publish(Path file, io.banditore.channel.PendingPost pending) {
        try {
            return publisher.publish(token, "comunedichivasso", "Allerta gialla #ChivassoSocial",
                    TikTokPublisher.VideoSource.file(file, Files.size(file), VIDEO_MS), io.banditore.channel.LastMomentCheck.NONE, pending)
                    .await().atMost(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SendOutcome publish(Path file) {
        try {
            return publisher.publish(token, "comunedichivasso", "Allerta gialla #ChivassoSocial",
                    TikTokPublisher.VideoSource.file(file, Files.size(file), VIDEO_MS)).await().atMost(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A stub for this case's token only, ahead of the general ones. */
    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        Providers.tiktok().register(mine(request).willReturn(response));
    }

    private MappingBuilder mine(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + token)).atPriority(1);
    }

    private List<LoggedRequest> requests(String path) {
        return Providers.tiktok().find(postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token)));
    }

    private JsonNode onlyBody(String path) throws IOException {
        List<LoggedRequest> found = requests(path);
        assertThat(found).hasSize(1);
        return mapper.readTree(found.get(0).getBodyAsString());
    }

    private List<LoggedRequest> uploads() {
        List<LoggedRequest> puts = new java.util.ArrayList<>(Providers.tiktok().find(putRequestedFor(urlPathEqualTo("/upload/video/"))
                .withQueryParam("upload_id", equalTo(uploadId()))));
        puts.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        return puts;
    }

    private String uploadId() {
        return token.substring("act.case-".length());
    }

    private String uploadUrl() {
        return Providers.baseUrl("tiktok") + "/upload/video/?upload_id=" + uploadId() + "&upload_token=case-token";
    }

    private static String creatorInfo(String privacyOptions, int maxSeconds) {
        return "{\"data\":{\"creator_username\":\"comunedichivasso\",\"privacy_level_options\":" + privacyOptions
                + ",\"comment_disabled\":false,\"duet_disabled\":false,\"stitch_disabled\":true,\"max_video_post_duration_sec\":" + maxSeconds
                + "},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"c1\"}}";
    }

    private static String status(String status, String postIds, long uploaded) {
        return "{\"data\":{\"status\":\"" + status + "\",\"publicaly_available_post_id\":" + postIds + ",\"uploaded_bytes\":" + uploaded
                + "},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"s1\"}}";
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"log_id\":\"case-log\"}}");
    }

    private static Path file(Path path, int size) throws IOException {
        if (Files.exists(path) && Files.size(path) == size) {
            return path;
        }
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }
}
