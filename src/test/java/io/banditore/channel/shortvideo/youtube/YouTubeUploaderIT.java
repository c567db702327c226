package io.banditore.channel.shortvideo.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.SendOutcome;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * YouTube Shorts through videos.insert and the resumable upload protocol, against the provider stubs (YouTube and
 * Google's token endpoint), each case with an upload session and access token of its own: what YouTube and Google
 * receive (and do not), and what each of their answers means.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class YouTubeUploaderIT {

    private static final String SECRET = "verona-youtube";
    private static final String START = "/upload/youtube/v3/videos";
    private static final int SIZE = 250_000;
    private static final String TITLE = "MESSAGGIO DI TEST – Allerta arancione per piogge intense #VeronaInforma";
    private static final String DESCRIPTION = "⚠️ MESSAGGIO DI TEST\n\nAllerta arancione per piogge intense\n\n#VeronaInforma\n\n#Shorts";

    @Inject
    YouTubeUploader uploader;

    @Inject
    GoogleTokens tokens;

    private final ObjectMapper mapper = new ObjectMapper();
    private Path dir;
    private Path video;
    private String accessToken;
    /** This case's upload session; it also starts the keys of its parts, so that a session an earlier case left unfinished is never resumed here. */
    private String uploadId;
    private String videoId;

    @BeforeEach
    void stubs() throws IOException {
        Providers.resetAll();
        tokens.forget(SECRET);
        long n = Math.abs(new Random().nextLong() % 1_000_000_000L);
        accessToken = "ya29.case-" + n;
        uploadId = "AEnB2U" + n;
        videoId = "dQw4" + n;
        dir = Files.createTempDirectory("youtube-case-");
        byte[] bytes = new byte[SIZE];
        new Random(n).nextBytes(bytes);
        video = Files.write(dir.resolve("video.mp4"), bytes);
        Providers.googleOAuth().register(post(urlEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"scope\":\"https://www.googleapis.com/auth/youtube.upload\",\"token_type\":\"Bearer\"}")));
        Providers.youtube().register(post(urlPathEqualTo(START)).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withStatus(200).withHeader("Location", sessionUri()).withHeader("X-GUploader-UploadID", uploadId)));
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Content-Range", equalTo("bytes 0-" + (SIZE - 1) + "/" + SIZE)).willReturn(created()));
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aShortIsUploadedWithItsTitleDescriptionCategoryAndPrivacy() throws Exception {
        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(videoId, "https://www.youtube.com/shorts/" + videoId,
                "YouTube uploaded, public (" + SIZE + " bytes)"));
        LoggedRequest refresh = only(Providers.googleOAuth().find(postRequestedFor(urlEqualTo("/token"))));
        assertThat(refresh.formParameters().get("grant_type").firstValue()).isEqualTo("refresh_token");
        assertThat(refresh.formParameters().get("refresh_token").firstValue()).isEqualTo("1//test-verona-refresh");
        assertThat(refresh.formParameters().get("client_id").firstValue()).isEqualTo("test-verona.apps.googleusercontent.com");
        assertThat(refresh.formParameters().get("client_secret").firstValue()).isEqualTo("test-verona-client-secret");

        LoggedRequest start = only(starts());
        assertThat(start.queryParameter("uploadType").firstValue()).isEqualTo("resumable");
        assertThat(start.queryParameter("part").firstValue()).isEqualTo("snippet,status");
        assertThat(start.getHeader("X-Upload-Content-Length")).isEqualTo(String.valueOf(SIZE));
        assertThat(start.getHeader("X-Upload-Content-Type")).isEqualTo("video/mp4");
        assertThat(start.getHeader("Content-Type")).startsWith("application/json");
        assertThat(mapper.readTree(start.getBodyAsString())).isEqualTo(mapper.readTree("""
                {"snippet":{"title":"%s","description":%s,"categoryId":"25","defaultLanguage":"it"},
                 "status":{"privacyStatus":"public","selfDeclaredMadeForKids":false}}""".formatted(TITLE, mapper.writeValueAsString(DESCRIPTION))));

        LoggedRequest put = only(puts());
        assertThat(put.getHeader("Content-Range")).isEqualTo("bytes 0-249999/250000");
        assertThat(put.getHeader("Content-Type")).isEqualTo("video/mp4");
        assertThat(put.getHeader("Authorization")).isEqualTo("Bearer " + accessToken);
        assertThat(put.getBody()).isEqualTo(Files.readAllBytes(video));

        // A second Short within the access token's hour asks Google for no new token.
        upload(uploadId + "|verona|2", LastMomentCheck.NONE);
        assertThat(Providers.googleOAuth().find(postRequestedFor(urlEqualTo("/token")))).hasSize(1);
        assertNoSecretIn(outcome);
    }

    @Test
    void anUploadCutShortResumesFromTheByteYouTubeReports() throws Exception {
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes 0-249999/250000")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes */250000")).willReturn(aResponse().withStatus(308).withHeader("Range", "bytes=0-99999")));
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes 100000-249999/250000")).willReturn(created()));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(videoId, "https://www.youtube.com/shorts/" + videoId,
                "YouTube uploaded, public (" + SIZE + " bytes, resumed 1 time)"));
        List<LoggedRequest> puts = puts();
        assertThat(puts).extracting(r -> r.getHeader("Content-Range"))
                .containsExactly("bytes 0-249999/250000", "bytes */250000", "bytes 100000-249999/250000");
        assertThat(puts.get(1).getBody()).isEmpty();
        assertThat(puts.get(2).getBody()).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(video), 100_000, SIZE));
        assertThat(starts()).hasSize(1);
    }

    @Test
    void anAttemptThatGivesUpLeavesTheSessionForTheNextWhichResumesIt() throws Exception {
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes 0-249999/250000")).willReturn(aResponse().withStatus(503)));
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(2)
                .withHeader("Content-Range", equalTo("bytes */250000")).willReturn(aResponse().withStatus(503)));

        SendOutcome first = upload(uploadId + "|verona|1", LastMomentCheck.NONE);
        assertThat(first).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO, "YouTube answered 503 when asked how much of the upload it has"));

        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes */250000")).willReturn(aResponse().withStatus(308).withHeader("Range", "bytes=0-149999")));
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes 150000-249999/250000")).willReturn(created()));
        SendOutcome second = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(second).isInstanceOf(SendOutcome.Sent.class);
        // One session, one video: the second attempt asked how much YouTube had and sent the rest.
        assertThat(starts()).hasSize(1);
        assertThat(puts()).extracting(r -> r.getHeader("Content-Range")).containsExactly("bytes 0-249999/250000", "bytes */250000",
                "bytes */250000", "bytes 150000-249999/250000");
    }

    @Test
    void anUploadYouTubeTakesNothingOfEndsTheAttemptRatherThanLooping() {
        Providers.youtube().register(put(urlPathEqualTo(START)).withQueryParam("upload_id", equalTo(uploadId)).atPriority(1)
                .willReturn(aResponse().withStatus(308)));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO,
                "YouTube took none of the bytes from 0 after 4 tries; the next attempt resumes the upload"));
        assertThat(puts()).extracting(r -> r.getHeader("Content-Range")).containsOnly("bytes 0-249999/250000").hasSize(4);
    }

    @Test
    void quotaExceededWaitsForYouTubesMidnightAndUploadsNothing() {
        Providers.youtube().register(post(urlPathEqualTo(START)).atPriority(1).willReturn(youtubeError(403, "youtube.quota", "quotaExceeded",
                "The request cannot be completed because you have exceeded your <a href=\\\"/youtube/v3/getting-started#quota\\\">quota</a>.")));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.after()).isPositive().isLessThanOrEqualTo(Duration.ofHours(25));
            assertThat(r.reason()).startsWith("YouTube videos.insert 403 quotaExceeded: The request cannot be completed")
                    .endsWith("(the project's daily quota; it resets at midnight Pacific time)");
        });
        assertThat(puts()).isEmpty();
    }

    @Test
    void uploadLimitExceededWaitsItsConfiguredTime() {
        Providers.youtube().register(post(urlPathEqualTo(START)).atPriority(1).willReturn(youtubeError(400, "youtube.video", "uploadLimitExceeded",
                "The user has exceeded the number of videos they may upload.")));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ofHours(1),
                "YouTube videos.insert 400 uploadLimitExceeded: The user has exceeded the number of videos they may upload. (the channel's uploads for now)"));
        assertThat(puts()).isEmpty();
    }

    @Test
    void aForbiddenChannelIsPermanent() {
        Providers.youtube().register(post(urlPathEqualTo(START)).atPriority(1).willReturn(youtubeError(403, "youtube.video", "forbidden",
                "Access forbidden. The request may not be properly authorized.")));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Failed("YouTube videos.insert 403 forbidden: Access forbidden. The request may not be properly authorized."));
        assertThat(puts()).isEmpty();
    }

    @Test
    void aRefusedAccessTokenIsRefreshedOnceAndTheUploadGoesOn() {
        String stale = accessToken;
        tokens.accessToken(SECRET).await().indefinitely();
        Providers.youtube().register(post(urlPathEqualTo(START)).withHeader("Authorization", equalTo("Bearer " + stale)).atPriority(1)
                .willReturn(youtubeError(401, "global", "authError", "Invalid Credentials")));
        accessToken = stale + "-fresh";
        Providers.googleOAuth().register(post(urlEqualTo("/token")).atPriority(1).willReturn(okJson(
                "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        Providers.youtube().register(post(urlPathEqualTo(START)).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withStatus(200).withHeader("Location", sessionUri())));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(Providers.googleOAuth().find(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
        assertThat(Providers.youtube().find(postRequestedFor(urlPathEqualTo(START)))).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + stale, "Bearer " + accessToken);
    }

    @Test
    void aRevokedRefreshTokenIsPermanentAndNamesNoSecret() {
        Providers.googleOAuth().register(post(urlEqualTo("/token")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

        SendOutcome outcome = upload(uploadId + "|verona|1", LastMomentCheck.NONE);

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(
                "Google OAuth token refresh 400 invalid_grant: Token has been expired or revoked. (the account must be authorised again)"));
        assertThat(Providers.youtube().find(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anAlertWithdrawnBeforeTheSessionUploadsNothing() {
        SendOutcome outcome = upload(uploadId + "|verona|1", () -> Optional.of("cancelled: alert withdrawn by a CAP Cancel"));

        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("cancelled: alert withdrawn by a CAP Cancel"));
        assertThat(Providers.youtube().find(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private SendOutcome upload(String key, LastMomentCheck lastMoment) {
        SendOutcome outcome = uploader.upload(new YouTubeUploader.Upload(key, SECRET, video, SIZE, TITLE, DESCRIPTION, "it"), lastMoment)
                .await().atMost(Duration.ofSeconds(30));
        assertNoSecretIn(outcome);
        return outcome;
    }

    private void assertNoSecretIn(SendOutcome outcome) {
        assertThat(outcome.toString()).doesNotContain(accessToken).doesNotContain("test-verona-refresh").doesNotContain("test-verona-client-secret")
                .doesNotContain(uploadId);
    }

    private String sessionUri() {
        return Providers.baseUrl("youtube") + START + "?uploadType=resumable&part=snippet,status&upload_id=" + uploadId;
    }

    private ResponseDefinitionBuilder created() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"youtube#video","etag":"e","id":"%s","snippet":{"title":"%s","categoryId":"25"},"status":{"uploadStatus":"uploaded","privacyStatus":"public"}}"""
                .formatted(videoId, TITLE));
    }

    private List<LoggedRequest> starts() {
        return Providers.youtube().find(postRequestedFor(urlPathEqualTo(START)));
    }

    private List<LoggedRequest> puts() {
        List<LoggedRequest> puts = new java.util.ArrayList<>(Providers.youtube().find(putRequestedFor(urlPathEqualTo(START))
                .withQueryParam("upload_id", equalTo(uploadId))));
        puts.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return puts;
    }

    private static LoggedRequest only(List<LoggedRequest> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static ResponseDefinitionBuilder youtubeError(int status, String domain, String reason, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":%d,"message":"%s","errors":[{"message":"%s","domain":"%s","reason":"%s"}]}}"""
                .formatted(status, message, message, domain, reason));
    }
}
