package io.banditore.channel.shortvideo.instagram;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.smallrye.mutiny.Uni;

/**
 * Publishes a Reel on an Instagram professional account through the documented content publishing flow: the
 * account's publishing limit (content_publishing_limit: a used-up quota waits, it never posts over it), a REELS
 * media container made from a signed link to the video (Instagram fetches it, as TikTok's PULL_FROM_URL does), its
 * status_code read until FINISHED or ERROR, then media_publish. The container id is recorded the moment Instagram
 * gives it, so that a later attempt asks about that container instead of making another: one already PUBLISHED is
 * never published again. Refusals are classified from Instagram's own error codes: an invalid token, missing
 * permissions and a video Instagram cannot take are permanent; rate limits wait (Instagram's estimate when it gives
 * one), 5xx and transient errors are tried again.
 */
@ApplicationScoped
public class InstagramPublisher {

    private static final Logger LOG = Logger.getLogger(InstagramPublisher.class);
    /** Graph API error codes of rate limits: application, user, page, and per-action limits. */
    private static final Set<Integer> RATE_LIMITED = Set.of(4, 17, 32, 613, 80001, 80002);
    /** The error_subcode of "the account has reached its publishing limit" (posts per 24 hours). */
    private static final int PUBLISHING_LIMIT_REACHED = 2207042;
    /** Container errors worth a new container later: the download timed out, Instagram's own failure, a container expired. */
    private static final Set<String> TRANSIENT_CONTAINER_ERRORS = Set.of("2207001", "2207003", "2207020", "2207032");
    private static final Pattern ERROR_SUBCODE = Pattern.compile("\\b(22070\\d\\d)\\b");
    private static final Pattern REGAIN_ACCESS = Pattern.compile("\"estimated_time_to_regain_access\"\\s*:\\s*(\\d+)");

    private final InstagramApi api;
    private final ShortVideoConfig.Instagram config;

    public InstagramPublisher(@RestClient InstagramApi api, ShortVideoConfig config) {
        this.api = api;
        this.config = config.instagram();
    }

    /**
     * Posts the Reel, asking {@code lastMoment} right before the container is made and again right before
     * media_publish (the call that makes the post public): when it gives a reason, nothing more is called and the
     * outcome is SKIPPED with it.
     */
    public Uni<SendOutcome> publish(String token, String igUserId, String caption, String videoUrl, LastMomentCheck lastMoment,
            PendingPost pending) {
        String auth = "Bearer " + token;
        if (pending.earlier() == null) {
            return create(auth, igUserId, caption, videoUrl, lastMoment, pending);
        }
        return resume(auth, igUserId, pending.earlier(), lastMoment)
                .chain(outcome -> outcome != null ? Uni.createFrom().item(outcome) : create(auth, igUserId, caption, videoUrl, lastMoment, pending));
    }

    /** What becomes of the container an earlier attempt made; null when it can never be published and a new one is due. */
    private Uni<SendOutcome> resume(String auth, String igUserId, String containerId, LastMomentCheck lastMoment) {
        return api.fields(auth, config.graphVersion(), containerId, "status_code,status").map(ProviderAnswer::of)
                .onFailure().recoverWithItem(e -> null)
                .chain(answer -> {
                    if (answer == null) {
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "Instagram did not answer about the earlier container "
                                + containerId + "; no new one is made before it does"));
                    }
                    SendOutcome refusal = refusal("container status", answer);
                    if (refusal instanceof SendOutcome.RetryLater) {
                        return Uni.createFrom().item(refusal);
                    }
                    String state = refusal == null ? answer.json().path("status_code").asText("") : "";
                    if ("PUBLISHED".equals(state)) {
                        LOG.infof("Instagram container %s was published by an earlier attempt; not published again", containerId);
                        return Uni.createFrom().item(new SendOutcome.Sent(containerId, null,
                                "Instagram PUBLISHED by an earlier attempt (container " + containerId + "); not published again"));
                    }
                    if ("FINISHED".equals(state) || "IN_PROGRESS".equals(state)) {
                        return awaitFinished(auth, igUserId, containerId, Instant.now().plus(config.statusTimeout()), state)
                                .chain(ready -> ready != null ? Uni.createFrom().item(ready) : publishContainer(auth, igUserId, containerId, lastMoment));
                    }
                    // EXPIRED, ERROR, or a container Instagram does not know: it never becomes a post.
                    return Uni.createFrom().nullItem();
                });
    }

    private Uni<SendOutcome> create(String auth, String igUserId, String caption, String videoUrl, LastMomentCheck lastMoment, PendingPost pending) {
        return api.publishingLimit(auth, config.graphVersion(), igUserId, "config,quota_usage").map(ProviderAnswer::of).chain(limit -> {
            SendOutcome refusal = refusal("content_publishing_limit", limit);
            if (refusal != null) {
                return Uni.createFrom().item(refusal);
            }
            JsonNode usage = limit.json().path("data").path(0);
            int used = usage.path("quota_usage").asInt(0);
            int total = usage.path("config").path("quota_total").asInt(Integer.MAX_VALUE);
            if (used >= total) {
                return Uni.createFrom().item(new SendOutcome.RetryLater(config.publishingLimitWait(), "Instagram account " + igUserId
                        + " has used its publishing limit (" + used + " of " + total + " posts in "
                        + Duration.ofSeconds(usage.path("config").path("quota_duration").asLong(86_400)).toHours() + " h)"));
            }
            var stop = lastMoment.whyNot();
            if (stop.isPresent()) {
                return Uni.createFrom().item(new SendOutcome.Skipped(stop.get()));
            }
            return api.createContainer(auth, config.graphVersion(), igUserId, "REELS", videoUrl, caption, config.shareToFeed())
                    .map(ProviderAnswer::of).chain(created -> {
                        SendOutcome createRefusal = refusal("media", created);
                        if (createRefusal != null) {
                            return Uni.createFrom().item(createRefusal);
                        }
                        String containerId = created.json().path("id").asText("");
                        if (containerId.isEmpty()) {
                            return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "Instagram made no container id: " + created.excerpt()));
                        }
                        // Recorded before anything else: a crash from here on asks about this container and never makes a second post.
                        Uni<Void> recorded = pending.taken(containerId).onFailure().recoverWithItem(e -> {
                            LOG.warnf("Instagram container %s not recorded (%s): a crash before it is published could post again", containerId, e.toString());
                            return null;
                        });
                        return recorded.chain(() -> awaitFinished(auth, igUserId, containerId, Instant.now().plus(config.statusTimeout()), "IN_PROGRESS"))
                                .chain(notReady -> notReady != null ? Uni.createFrom().item(notReady)
                                        : publishContainer(auth, igUserId, containerId, lastMoment));
                    });
        });
    }

    /** Reads status_code until FINISHED (null: publish it) or ERROR, EXPIRED or the time allowed runs out (the outcome). */
    private Uni<SendOutcome> awaitFinished(String auth, String igUserId, String containerId, Instant deadline, String lastState) {
        if ("FINISHED".equals(lastState)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.statusPollInterval())
                .chain(() -> api.fields(auth, config.graphVersion(), containerId, "status_code,status").map(ProviderAnswer::of))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Status of Instagram container %s not read (%s)", containerId, TransportFault.kind(e));
                    return null;
                })
                .chain(answer -> {
                    String state = lastState;
                    if (answer != null) {
                        SendOutcome refusal = refusal("container status", answer);
                        if (refusal instanceof SendOutcome.Failed) {
                            return Uni.createFrom().item(refusal);
                        }
                        if (refusal == null) {
                            state = answer.json().path("status_code").asText(lastState);
                            String detail = answer.json().path("status").asText("");
                            switch (state) {
                                case "FINISHED", "PUBLISHED" -> {
                                    return Uni.createFrom().nullItem();
                                }
                                case "ERROR" -> {
                                    return Uni.createFrom().item(containerError(containerId, detail));
                                }
                                case "EXPIRED" -> {
                                    return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "Instagram container " + containerId
                                            + " expired before it was published; a new one is made"));
                                }
                                default -> {
                                }
                            }
                        }
                    }
                    if (!Instant.now().plus(config.statusPollInterval()).isBefore(deadline)) {
                        return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "Instagram did not finish container " + containerId
                                + " within " + config.statusTimeout() + " (last status_code " + state + "); it is asked about again, never published twice"));
                    }
                    return awaitFinished(auth, igUserId, containerId, deadline, state);
                });
    }

    /** A container in ERROR: Instagram could not take the video. Permanent, unless its error says the fetch may work later. */
    private static SendOutcome containerError(String containerId, String detail) {
        String reason = "Instagram container " + containerId + " ended in ERROR: " + (detail.isBlank() ? "no reason given" : detail);
        Matcher subcode = ERROR_SUBCODE.matcher(detail);
        if (subcode.find() && TRANSIENT_CONTAINER_ERRORS.contains(subcode.group(1))) {
            return new SendOutcome.RetryLater(Duration.ZERO, reason);
        }
        return new SendOutcome.Failed(reason);
    }

    private Uni<SendOutcome> publishContainer(String auth, String igUserId, String containerId, LastMomentCheck lastMoment) {
        var stop = lastMoment.whyNot();
        if (stop.isPresent()) {
            return Uni.createFrom().item(new SendOutcome.Skipped(stop.get() + " (container " + containerId + " left unpublished)"));
        }
        return api.publish(auth, config.graphVersion(), igUserId, containerId).map(ProviderAnswer::of).chain(answer -> {
            SendOutcome refusal = refusal("media_publish", answer);
            if (refusal != null) {
                return Uni.createFrom().item(refusal);
            }
            String mediaId = answer.json().path("id").asText("");
            if (mediaId.isEmpty()) {
                return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, "Instagram media_publish answered without a media id: "
                        + answer.excerpt() + " (container " + containerId + " is asked about again, never published twice)"));
            }
            // The permalink is a courtesy for on-call staff: the Reel is published whether or not it is read.
            return api.fields(auth, config.graphVersion(), mediaId, "permalink").map(ProviderAnswer::of)
                    .map(link -> link.status() == 200 ? link.json().path("permalink").asText(null) : null)
                    .onFailure().recoverWithNull()
                    .map(permalink -> (SendOutcome) new SendOutcome.Sent(mediaId, permalink, "Instagram Reel published (container " + containerId + ")"));
        });
    }

    /** Null when the call succeeded; otherwise what Instagram's answer means for the delivery. */
    SendOutcome refusal(String call, ProviderAnswer answer) {
        int status = answer.status();
        JsonNode error = answer.json().path("error");
        if (status >= 200 && status < 300 && error.isMissingNode()) {
            return null;
        }
        int code = error.path("code").asInt(0);
        int subcode = error.path("error_subcode").asInt(0);
        String reason = "Instagram " + call + " " + status + (code == 0 ? "" : " code " + code) + (subcode == 0 ? "" : "/" + subcode) + ": "
                + error.path("error_user_msg").asText(error.path("message").asText(answer.excerpt()))
                + (error.hasNonNull("fbtrace_id") ? " (fbtrace_id " + error.path("fbtrace_id").asText() + ")" : "");
        if (subcode == PUBLISHING_LIMIT_REACHED) {
            return new SendOutcome.RetryLater(config.publishingLimitWait(), reason);
        }
        if (status == 429 || RATE_LIMITED.contains(code)) {
            return new SendOutcome.RetryLater(rateLimitWait(answer), reason);
        }
        if (status >= 500 || code == 1 || code == 2 || error.path("is_transient").asBoolean(false)) {
            return new SendOutcome.RetryLater(Duration.ZERO, reason);
        }
        // 190 an invalid or expired token, 10 and 200-299 a permission, 100 a parameter (a video it cannot take), and the rest.
        return new SendOutcome.Failed(reason);
    }

    /** Instagram's own estimate (minutes, in the usage headers) when it gives one, else the configured wait. */
    private Duration rateLimitWait(ProviderAnswer answer) {
        for (String header : new String[] {"X-Business-Use-Case-Usage", "X-App-Usage", "X-Ad-Account-Usage"}) {
            String value = answer.header(header);
            Matcher m = value == null ? null : REGAIN_ACCESS.matcher(value);
            if (m != null && m.find() && Long.parseLong(m.group(1)) > 0) {
                return Duration.ofMinutes(Long.parseLong(m.group(1)));
            }
        }
        String retryAfter = answer.header("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        }
        return config.rateLimitWait();
    }
}
