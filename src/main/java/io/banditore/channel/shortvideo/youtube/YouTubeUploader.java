package io.banditore.channel.shortvideo.youtube;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.ProviderAnswer;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.TransportFault;
import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.video.VideoBytes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Uploads a video to a YouTube channel with videos.insert and the resumable upload protocol: a session opened with
 * the video's metadata, then its bytes. When the connection drops or YouTube answers 5xx mid-upload, YouTube is asked
 * how much it has (an empty PUT, {@code Content-Range: bytes *}{@code /TOTAL}) and the upload goes on from the byte
 * after the Range of its 308; an attempt that gives up keeps the session, so that the next attempt resumes it rather
 * than uploading a second video. The video exists only once its last byte arrives, so an upload cut short is never a
 * post. The session URI stays in this process's memory, never in a status or a log line.
 */
@ApplicationScoped
public class YouTubeUploader {

    private static final Logger LOG = Logger.getLogger(YouTubeUploader.class);
    private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");
    private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);
    /** How a 401 starts: the access token is refreshed and the call made once more before it counts as a refusal. */
    private static final String TOKEN_REFUSED = "YouTube refused the access token";

    private final YouTubeApi api;
    private final GoogleTokens tokens;
    private final ShortVideoConfig.YouTube config;
    private final Clock clock;
    /** Upload sessions an attempt left unfinished, by the part they upload: the next attempt resumes them. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(String uri, long total) {
    }

    /** What to upload: the file and its size, the video's title and description, its language, and the part's key. */
    public record Upload(String key, String secret, Path file, long bytes, String title, String description, String language) {
    }

    public YouTubeUploader(@RestClient YouTubeApi api, GoogleTokens tokens, ShortVideoConfig config, Clock clock) {
        this.api = api;
        this.tokens = tokens;
        this.config = config.youtube();
        this.clock = clock;
    }

    /** Uploads the video, asking {@code lastMoment} before the session is opened and before each PUT that could complete it. */
    public Uni<SendOutcome> upload(Upload upload, LastMomentCheck lastMoment) {
        return withToken(upload, true, auth -> {
            Session known = sessions.get(upload.key());
            if (known != null && known.total() == upload.bytes()) {
                LOG.infof("YouTube upload of %s resumes its earlier session", upload.key());
                return resume(upload, auth, known, 0, lastMoment);
            }
            var stop = lastMoment.whyNot();
            if (stop.isPresent()) {
                return Uni.createFrom().item(new SendOutcome.Skipped(stop.get()));
            }
            var video = new YouTubeApi.Video(new YouTubeApi.Snippet(upload.title(), upload.description(), config.categoryId(), upload.language()),
                    new YouTubeApi.Status(config.privacyStatus(), false));
            return api.startUpload(auth, "resumable", "snippet,status", upload.bytes(), "video/mp4", video).map(ProviderAnswer::of).chain(answer -> {
                String location = answer.header("Location");
                if (answer.status() == 200 && location != null && !location.isBlank()) {
                    Session session = new Session(location, upload.bytes());
                    sessions.put(upload.key(), session);
                    return send(upload, auth, session, 0, 0, lastMoment);
                }
                return Uni.createFrom().item(answer.status() == 200
                        ? new SendOutcome.RetryLater(Duration.ZERO, "YouTube opened no upload session (no Location header)")
                        : refusal("videos.insert", answer));
            });
        });
    }

    /** Runs {@code call} with a Bearer access token; once, when YouTube refuses the token (401), with a fresh one. */
    private Uni<SendOutcome> withToken(Upload upload, boolean mayRefresh, java.util.function.Function<String, Uni<SendOutcome>> call) {
        return tokens.accessToken(upload.secret()).chain(grant -> {
            if (grant.refusal() != null) {
                return Uni.createFrom().item(grant.refusal());
            }
            return call.apply("Bearer " + grant.accessToken()).chain(outcome -> {
                if (outcome instanceof SendOutcome.Failed failed && failed.reason().startsWith(TOKEN_REFUSED)) {
                    tokens.forget(upload.secret());
                    if (mayRefresh) {
                        return withToken(upload, false, call);
                    }
                }
                return Uni.createFrom().item(outcome);
            });
        });
    }

    /** Sends the bytes from {@code offset} to the end; a cut connection or a 5xx asks how much arrived and goes on. */
    private Uni<SendOutcome> send(Upload upload, String auth, Session session, long offset, int resumes, LastMomentCheck lastMoment) {
        var stop = lastMoment.whyNot();
        if (stop.isPresent()) {
            return Uni.createFrom().item(new SendOutcome.Skipped(stop.get() + " (the upload was stopped before its last byte: no video)"));
        }
        String range = "bytes " + offset + "-" + (session.total() - 1) + "/" + session.total();
        return Uni.createFrom().item(() -> VideoBytes.range(upload.file(), offset, session.total() - 1))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(bytes -> api.upload(session.uri(), auth, range, bytes))
                .map(ProviderAnswer::of)
                .onFailure().recoverWithItem(e -> {
                    // The session URI is YouTube's: the fault is named, never the exception's text that carries it.
                    LOG.infof("YouTube upload of %s cut short at or after byte %d (%s)", upload.key(), offset, TransportFault.kind(e));
                    return null;
                })
                .chain(answer -> {
                    if (answer != null && (answer.status() == 200 || answer.status() == 201)) {
                        return Uni.createFrom().item(uploaded(upload, answer, resumes));
                    }
                    if (answer != null && answer.status() == 308 && next(answer) > offset) {
                        return send(upload, auth, session, next(answer), resumes, lastMoment);
                    }
                    if (answer != null && answer.status() == 308) {
                        // Nothing of these bytes arrived: counted as a cut, so that an upload making no progress ends.
                        return resumes >= config.resumes()
                                ? Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "YouTube took none of the bytes from " + offset
                                        + " after " + (resumes + 1) + " tries; the next attempt resumes the upload"))
                                : send(upload, auth, session, next(answer), resumes + 1, lastMoment);
                    }
                    if (answer != null && answer.status() < 500) {
                        return Uni.createFrom().item(forgetOn4xx(upload, refusal("upload", answer)));
                    }
                    String why = answer == null ? "the connection dropped" : "YouTube answered " + answer.status();
                    return resumes >= config.resumes()
                            ? Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "YouTube upload cut short " + (resumes + 1)
                                    + " times (" + why + "); the next attempt resumes it"))
                            : resume(upload, auth, session, resumes + 1, lastMoment);
                });
    }

    /** Asks YouTube how much of the session's video it has, and uploads the rest. */
    private Uni<SendOutcome> resume(Upload upload, String auth, Session session, int resumes, LastMomentCheck lastMoment) {
        return api.upload(session.uri(), auth, "bytes */" + session.total(), new byte[0]).map(ProviderAnswer::of)
                .onFailure().recoverWithItem(e -> null)
                .chain(answer -> {
                    if (answer == null) {
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO,
                                "YouTube did not answer how much of the upload it has; the next attempt asks again"));
                    }
                    if (answer.status() == 200 || answer.status() == 201) {
                        return Uni.createFrom().item(uploaded(upload, answer, resumes));
                    }
                    if (answer.status() == 308) {
                        long from = next(answer);
                        LOG.infof("YouTube has %d of %d bytes of %s; the upload goes on from there", from, session.total(), upload.key());
                        return send(upload, auth, session, from, resumes, lastMoment);
                    }
                    if (answer.status() == 404 || answer.status() == 410) {
                        sessions.remove(upload.key());
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO,
                                "YouTube's upload session expired before the video was complete (no video); a new one is opened"));
                    }
                    return Uni.createFrom().item(answer.status() >= 500 ? new SendOutcome.RetryLater(Duration.ZERO, "YouTube answered "
                            + answer.status() + " when asked how much of the upload it has") : forgetOn4xx(upload, refusal("upload status", answer)));
                });
    }

    /** The byte after the Range of a 308; 0 when it has none (nothing arrived). */
    private static long next(ProviderAnswer answer) {
        String range = answer.header("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        return m != null && m.find() ? Long.parseLong(m.group(1)) + 1 : 0;
    }

    private SendOutcome uploaded(Upload upload, ProviderAnswer answer, int resumes) {
        sessions.remove(upload.key());
        String id = answer.json().path("id").asText("");
        String state = answer.json().path("status").path("uploadStatus").asText("uploaded");
        String note = "YouTube " + state + ", " + config.privacyStatus() + " (" + upload.bytes() + " bytes"
                + (resumes == 0 ? "" : ", resumed " + resumes + (resumes == 1 ? " time" : " times")) + ")";
        return new SendOutcome.Sent(id.isEmpty() ? null : id, id.isEmpty() ? null : "https://www.youtube.com/shorts/" + id, note);
    }

    /** A refusal of the upload itself: a session YouTube will never complete is forgotten unless the refusal is temporary. */
    private SendOutcome forgetOn4xx(Upload upload, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Failed) {
            sessions.remove(upload.key());
        }
        return outcome;
    }

    /** What YouTube's refusal means: the reason in its errors[] decides. */
    SendOutcome refusal(String call, ProviderAnswer answer) {
        int status = answer.status();
        JsonNode error = answer.json().path("error");
        String reason = error.path("errors").path(0).path("reason").asText(error.path("status").asText(""));
        String text = "YouTube " + call + " " + status + (reason.isEmpty() ? "" : " " + reason) + ": "
                + error.path("message").asText(answer.json().isMissingNode() ? answer.excerpt() : "");
        if (status == 401) {
            return new SendOutcome.Failed(TOKEN_REFUSED + ": " + text);
        }
        switch (reason) {
            case "quotaExceeded" -> {
                return new SendOutcome.RetryLater(untilQuotaResets(), text + " (the project's daily quota; it resets at midnight Pacific time)");
            }
            case "uploadLimitExceeded" -> {
                return new SendOutcome.RetryLater(config.uploadLimitWait(), text + " (the channel's uploads for now)");
            }
            case "rateLimitExceeded", "userRateLimitExceeded" -> {
                return new SendOutcome.RetryLater(retryAfter(answer), text);
            }
            default -> {
            }
        }
        if (status == 429) {
            return new SendOutcome.RetryLater(retryAfter(answer), text);
        }
        if (status >= 500 || "backendError".equals(reason)) {
            return new SendOutcome.RetryLater(Duration.ZERO, text);
        }
        // forbidden, insufficientPermissions, youtubeSignupRequired, invalidTitle, invalidCategoryId, ...
        return new SendOutcome.Failed(text);
    }

    private Duration untilQuotaResets() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of(config.quotaZone())));
        ZonedDateTime midnight = LocalDate.from(now).plusDays(1).atStartOfDay(now.getZone());
        return Duration.between(now, midnight);
    }

    private static Duration retryAfter(ProviderAnswer answer) {
        String header = answer.header("Retry-After");
        return header != null && header.strip().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(header.strip())) : RATE_LIMIT_WAIT;
    }

}
