package io.banditore.channel.shortvideo.tiktok;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.PendingPost;
import io.banditore.channel.ProviderAnswer;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.TransportFault;
import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.video.VideoBytes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Posts a video on a creator's TikTok account through the documented Direct Post flow: creator_info/query (the
 * privacy levels it offers are the only ones used, a public post only when offered), video/init (FILE_UPLOAD of the
 * file in chunks with Content-Range, or PULL_FROM_URL of a signed link), then status/fetch until PUBLISH_COMPLETE or
 * FAILED. Refusals are permanent with TikTok's own code and message; 429 and 5xx are tried again later. Once init
 * has given a publish id the post is never initialised again by this attempt: whatever follows is reported with it.
 * TikTok gets no video for a publish id before it is recorded: the file is uploaded after the record, and a link is
 * made for the attempt and serves only once its publish id is on record. So a publish id a crash kept off the record
 * never becomes a post, and a pull TikTok could not make (video_pull_failed) is tried again, never failed for good.
 */
@ApplicationScoped
public class TikTokPublisher {

    private static final Logger LOG = Logger.getLogger(TikTokPublisher.class);
    private static final Set<String> RETRYABLE = Set.of("rate_limit_exceeded", "internal_error");
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    private static final long COVER_AT_MS = 1000;
    /** TikTok's fail_reason when it could not fetch the video of a PULL_FROM_URL post. */
    static final String PULL_FAILED = "video_pull_failed";

    private final TikTokApi api;
    private final ShortVideoConfig config;

    public TikTokPublisher(@RestClient TikTokApi api, ShortVideoConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The video to post: a file rendered here (FILE_UPLOAD), or a link TikTok fetches it from (PULL_FROM_URL). */
    public record VideoSource(Path file, long bytes, long durationMs, String url) {

        public static VideoSource file(Path file, long bytes, long durationMs) {
            return new VideoSource(file, bytes, durationMs, null);
        }

        public static VideoSource link(String url, long durationMs) {
            return new VideoSource(null, 0, durationMs, url);
        }

        boolean isFile() {
            return file != null;
        }
    }

    /** What init said: the publish id, and for FILE_UPLOAD where to send the file. */
    private record Init(String publishId, String uploadUrl) {
    }

    public Uni<SendOutcome> publish(String token, String account, String title, VideoSource video) {
        return publish(token, account, title, video, LastMomentCheck.NONE);
    }

    /**
     * Posts the video, asking {@code lastMoment} right before creator_info and again right before video/init (the
     * call that makes the post): when it gives a reason, nothing more is called and the outcome is SKIPPED with it.
     */
    public Uni<SendOutcome> publish(String token, String account, String title, VideoSource video, LastMomentCheck lastMoment) {
        return publish(token, account, title, video, lastMoment, PendingPost.NONE);
    }

    /**
     * As above, and: the publish id is handed to {@code pending} the moment video/init gives it, before anything else
     * is asked of TikTok; and when {@code pending} holds a publish id from an earlier attempt, TikTok is asked what
     * became of it first. A post that is complete is reported sent, one still processing is awaited, and only one
     * TikTok never had (unknown id, FAILED, an upload cut short) is initialised afresh.
     */
    public Uni<SendOutcome> publish(String token, String account, String title, VideoSource video, LastMomentCheck lastMoment,
            PendingPost pending) {
        String auth = "Bearer " + token;
        if (pending.earlier() == null) {
            return initialise(auth, account, title, video, lastMoment, pending);
        }
        return resume(auth, account, video, pending.earlier())
                .chain(outcome -> outcome != null ? Uni.createFrom().item(outcome) : initialise(auth, account, title, video, lastMoment, pending));
    }

    /** What became of a publish id an earlier attempt was given; null when it never becomes a post and a new one is due. */
    private Uni<SendOutcome> resume(String auth, String account, VideoSource video, String publishId) {
        String how = "resumed publish id " + publishId;
        return api.fetchStatus(auth, new TikTokApi.StatusFetch(publishId)).map(ProviderAnswer::of)
                .onFailure().recoverWithItem(e -> null)
                .chain(answer -> {
                    if (answer == null) {
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO,
                                "TikTok status/fetch of the earlier publish id " + publishId + " got no answer; not initialised again before it does"));
                    }
                    SendOutcome refusal = refusal("status/fetch", answer);
                    if (refusal instanceof SendOutcome.RetryLater) {
                        return Uni.createFrom().item(refusal);
                    }
                    if (refusal != null) {
                        LOG.infof("TikTok does not know the earlier publish id %s (%s): initialising a new post", publishId, answer.excerpt());
                        return Uni.createFrom().nullItem();
                    }
                    JsonNode data = answer.json().path("data");
                    String state = data.path("status").asText("");
                    if ("PUBLISH_COMPLETE".equals(state) || "SEND_TO_USER_INBOX".equals(state)) {
                        return Uni.createFrom().item(sent(publishId, account, how, state, data.path("publicaly_available_post_id")));
                    }
                    boolean uploadCut = video.isFile() && "PROCESSING_UPLOAD".equals(state) && data.path("uploaded_bytes").asLong(0) < video.bytes();
                    if ("FAILED".equals(state) || uploadCut) {
                        LOG.infof("The earlier publish id %s never becomes a post (%s): initialising a new one", publishId,
                                uploadCut ? "its upload was cut short" : data.path("fail_reason").asText("FAILED"));
                        return Uni.createFrom().nullItem();
                    }
                    return awaitPublished(auth, publishId, account, how, Instant.now().plus(config.statusTimeout()), state, null);
                });
    }

    private Uni<SendOutcome> initialise(String auth, String account, String title, VideoSource video, LastMomentCheck lastMoment,
            PendingPost pending) {
        var notNow = lastMoment.whyNot();
        if (notNow.isPresent()) {
            return Uni.createFrom().item(new SendOutcome.Skipped(notNow.get()));
        }
        return api.creatorInfo(auth).map(ProviderAnswer::of).chain(info -> {
            SendOutcome refusal = refusal("creator_info", info);
            if (refusal != null) {
                return Uni.createFrom().item(refusal);
            }
            JsonNode creator = info.json().path("data");
            String privacy = privacyLevel(creator.path("privacy_level_options"));
            if (privacy == null) {
                return Uni.createFrom().item(new SendOutcome.Failed("TikTok offers " + account + " none of the privacy levels "
                        + config.privacyLevels() + " (it offers " + creator.path("privacy_level_options") + ")"));
            }
            long maxSeconds = creator.path("max_video_post_duration_sec").asLong(0);
            if (maxSeconds > 0 && video.durationMs() > maxSeconds * 1000) {
                return Uni.createFrom().item(new SendOutcome.Failed("TikTok takes videos of at most " + maxSeconds + " s from "
                        + account + "; this one lasts " + video.durationMs() / 1000.0 + " s"));
            }
            // Duets and stitches would let anyone cut an alert into something else; comments follow the creator's setting.
            var post = new TikTokApi.PostInfo(title, privacy, true, creator.path("comment_disabled").asBoolean(false), true,
                    Math.min(COVER_AT_MS, video.durationMs() / 2));
            ChunkPlan plan = video.isFile() ? ChunkPlan.of(video.bytes(), config.uploadChunkSize()) : null;
            var source = plan != null ? TikTokApi.SourceInfo.fileUpload(plan) : TikTokApi.SourceInfo.pullFromUrl(video.url());
            var stop = lastMoment.whyNot();
            if (stop.isPresent()) {
                return Uni.createFrom().item(new SendOutcome.Skipped(stop.get()));
            }
            return api.initVideo(auth, new TikTokApi.VideoInit(post, source)).map(ProviderAnswer::of).chain(initAnswer -> {
                SendOutcome initRefusal = refusal("video/init", initAnswer);
                if (initRefusal != null) {
                    return Uni.createFrom().item(initRefusal);
                }
                JsonNode data = initAnswer.json().path("data");
                Init init = new Init(data.path("publish_id").asText(""), data.path("upload_url").asText(""));
                if (init.publishId().isEmpty() || (plan != null && init.uploadUrl().isEmpty())) {
                    // Nothing was or can be uploaded for it, so it never becomes a post: asking again is safe.
                    return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO,
                            "TikTok video/init answered without " + (init.publishId().isEmpty() ? "a publish_id" : "an upload_url") + ": " + initAnswer.excerpt()));
                }
                String how = plan == null ? "PULL_FROM_URL" : "FILE_UPLOAD of " + plan.videoSize() + " bytes in " + plan.chunkCount()
                        + (plan.chunkCount() == 1 ? " chunk" : " chunks");
                // Recorded before anything else: a crash from here on resumes with this publish id and never posts again.
                // Until it is recorded TikTok has no video for it: the file is sent only after, and the link this
                // attempt gave serves only then, so a publish id a crash keeps off the record never becomes a post.
                Uni<Boolean> recorded = pending.taken(init.publishId()).replaceWith(true).onFailure().recoverWithItem(e -> {
                    LOG.warnf("Publish id %s for %s not recorded (%s): %s", init.publishId(), account, e.toString(),
                            plan == null ? "its link serves no video unless the record arrives" : "its video is not uploaded");
                    return false;
                });
                Uni<SendOutcome> uploaded = recorded.chain(onRecord -> {
                    if (plan == null) {
                        // The record may have reached Kafka after all: TikTok's answer about this publish id decides.
                        return Uni.createFrom().nullItem();
                    }
                    if (!onRecord) {
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "TikTok publish id " + init.publishId()
                                + " could not be recorded, so its video was not uploaded and it never becomes a post"));
                    }
                    return upload(auth, video.file(), plan, init, 0);
                });
                return uploaded.chain(failed -> failed != null ? Uni.createFrom().item(failed)
                        : awaitPublished(auth, init.publishId(), account, how + ", " + privacy,
                                Instant.now().plus(config.statusTimeout()), "not yet checked", null));
            });
        });
    }

    /**
     * Sends chunk {@code i} and the ones after it, in order; null when all arrived. A refused or lost chunk leaves the
     * post without its video, so it never appears and a new attempt is safe, unless the status shows that TikTok has
     * the whole file after all; then the post goes on.
     */
    private Uni<SendOutcome> upload(String auth, Path file, ChunkPlan plan, Init init, int i) {
        if (i == plan.chunkCount()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(() -> VideoBytes.range(file, plan.first(i), plan.last(i)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(bytes -> api.upload(init.uploadUrl(), plan.contentRange(i), bytes))
                .map(ProviderAnswer::of)
                .map(answer -> answer.status() >= 200 && answer.status() < 300 ? null
                        : "TikTok upload of chunk " + (i + 1) + "/" + plan.chunkCount() + " answered " + answer.status() + ": " + answer.excerpt())
                // The upload URL carries TikTok's upload token: the fault is named, never the exception's text.
                .onFailure().recoverWithItem(e -> "TikTok upload of chunk " + (i + 1) + "/" + plan.chunkCount() + " got no answer ("
                        + TransportFault.kind(e) + ")")
                .chain(problem -> problem == null ? upload(auth, file, plan, init, i + 1) : afterUploadProblem(auth, plan, init, problem));
    }

    private Uni<SendOutcome> afterUploadProblem(String auth, ChunkPlan plan, Init init, String problem) {
        return api.fetchStatus(auth, new TikTokApi.StatusFetch(init.publishId())).map(ProviderAnswer::of)
                .map(answer -> {
                    JsonNode data = answer.json().path("data");
                    String status = data.path("status").asText("");
                    boolean whole = data.path("uploaded_bytes").asLong(0) >= plan.videoSize()
                            || Set.of("PUBLISH_COMPLETE", "SEND_TO_USER_INBOX").contains(status);
                    if (whole) {
                        LOG.infof("%s, but TikTok has all %d bytes of %s: going on", problem, plan.videoSize(), init.publishId());
                        return (SendOutcome) null;
                    }
                    return new SendOutcome.RetryLater(Duration.ZERO, problem + " (publish id " + init.publishId() + " left without its video)");
                })
                .onFailure().recoverWithItem(e -> new SendOutcome.RetryLater(Duration.ZERO, problem + " (publish id " + init.publishId() + " left without its video)"));
    }

    /**
     * Polls status/fetch until the post is complete or failed, or the time allowed runs out; {@code waited} is the
     * pause before this check (null for the first), and the next one is {@link #nextPoll}.
     */
    private Uni<SendOutcome> awaitPublished(String auth, String publishId, String account, String how, Instant deadline, String lastState,
            Duration waited) {
        return api.fetchStatus(auth, new TikTokApi.StatusFetch(publishId)).map(ProviderAnswer::of)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Status of TikTok post %s not read (%s)", publishId, TransportFault.kind(e));
                    return null;
                })
                .chain(answer -> {
                    String state = lastState;
                    if (answer != null) {
                        SendOutcome refusal = refusal("status/fetch", answer);
                        if (refusal instanceof SendOutcome.Failed failed) {
                            return Uni.createFrom().item(new SendOutcome.Failed(failed.reason() + "; publish id " + publishId
                                    + " was accepted and is not posted again: check the account before posting by hand"));
                        }
                        if (refusal == null) {
                            JsonNode data = answer.json().path("data");
                            state = data.path("status").asText(lastState);
                            if ("PUBLISH_COMPLETE".equals(state) || "SEND_TO_USER_INBOX".equals(state)) {
                                return Uni.createFrom().item(sent(publishId, account, how, state, data.path("publicaly_available_post_id")));
                            }
                            if ("FAILED".equals(state)) {
                                String reason = data.path("fail_reason").asText("no reason given");
                                if (PULL_FAILED.equals(reason)) {
                                    // TikTok got no video for it (our link refused a publish id not on record, or was
                                    // unreachable): it never becomes a post, and a new attempt is the only one that can.
                                    return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "TikTok could not fetch the video of "
                                            + publishId + " (" + reason + "): nothing was posted"));
                                }
                                return Uni.createFrom().item(new SendOutcome.Failed("TikTok could not publish " + publishId + ": "
                                        + reason + " (" + how + ")"));
                            }
                        }
                    }
                    Duration pause = nextPoll(waited, config.statusFirstPoll(), config.statusPollInterval());
                    if (!Instant.now().plus(pause).isBefore(deadline)) {
                        return Uni.createFrom().item(new SendOutcome.Failed("TikTok did not confirm publish id " + publishId + " within "
                                + config.statusTimeout() + " (last status " + state + "); it is not posted again: check the account before posting by hand"));
                    }
                    String last = state;
                    return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                            .chain(() -> awaitPublished(auth, publishId, account, how, deadline, last, pause));
                });
    }

    /**
     * The pause before the next status check: {@code first}, then twice the last one, up to {@code interval}. A short
     * video TikTok processes quickly is confirmed (and its in-flight slot freed) within a second, while a long one
     * is checked every interval, within TikTok's 30 status reads a minute per user token.
     */
    static Duration nextPoll(Duration waited, Duration first, Duration interval) {
        Duration next = waited == null ? first : waited.multipliedBy(2);
        return next.compareTo(interval) > 0 ? interval : next;
    }

    private static SendOutcome sent(String publishId, String account, String how, String state, JsonNode postIds) {
        String profile = "https://www.tiktok.com/@" + account;
        String postId = postIds.isArray() && postIds.size() > 0 ? postIds.get(0).asText() : null;
        String note = "TikTok " + state + (postId == null ? "" : ", post " + postId) + " (" + how + ")";
        return new SendOutcome.Sent(publishId, postId == null ? profile : profile + "/video/" + postId, note);
    }

    /** The first of the configured privacy levels that TikTok offers for this creator, or null. */
    private String privacyLevel(JsonNode offered) {
        for (String wanted : config.privacyLevels()) {
            for (JsonNode option : offered) {
                if (wanted.strip().equalsIgnoreCase(option.asText())) {
                    return option.asText();
                }
            }
        }
        return null;
    }

    /** Null when the call succeeded; otherwise what TikTok's answer means for the delivery. */
    static SendOutcome refusal(String call, ProviderAnswer answer) {
        int status = answer.status();
        JsonNode error = answer.json().path("error");
        String code = error.path("code").asText("");
        if (status >= 200 && status < 300 && "ok".equals(code)) {
            return null;
        }
        String reason = "TikTok " + call + " " + status + (code.isEmpty() ? "" : " " + code) + ": "
                + error.path("message").asText(answer.json().isMissingNode() ? answer.excerpt() : "")
                + (error.hasNonNull("log_id") ? " (log_id " + error.path("log_id").asText() + ")" : "");
        if (status == 429 || "rate_limit_exceeded".equals(code)) {
            return new SendOutcome.RetryLater(retryAfter(answer), reason);
        }
        if (status >= 500 || RETRYABLE.contains(code) || (status >= 200 && status < 300 && code.isEmpty())) {
            // 5xx, or a success without TikTok's error object: nothing was posted that we could point to.
            return new SendOutcome.RetryLater(Duration.ZERO, reason);
        }
        return new SendOutcome.Failed(reason);
    }

    private static Duration retryAfter(ProviderAnswer answer) {
        String header = answer.header("Retry-After");
        if (header != null && header.strip().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return RATE_LIMIT_WAIT;
    }

}
