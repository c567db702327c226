package io.banditore.channel.shortvideo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.alert.Alert;
import io.banditore.channel.ChannelName;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.routing.Target;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a town's short video on TikTok through the Content Posting API: creator_info/query, video/init
 * (PULL_FROM_URL from this service), then status/fetch until the post is complete or failed.
 */
@ApplicationScoped
public class ShortVideoChannel implements ChannelPublisher {

    private static final Logger LOG = Logger.getLogger(ShortVideoChannel.class);

    /** Credential key of the TikTok user access token in the target's secret. */
    public static final String TOKEN_KEY = "tiktok-access-token";

    private static final Set<String> RETRYABLE = Set.of("rate_limit_exceeded", "internal_error");

    private final TikTokApi api;
    private final CaptionRenderer renderer;
    private final Credentials credentials;
    private final ShortVideoConfig config;

    public ShortVideoChannel(@RestClient TikTokApi api, CaptionRenderer renderer, Credentials credentials, ShortVideoConfig config) {
        this.api = api;
        this.renderer = renderer;
        this.credentials = credentials;
        this.config = config;
    }

    @Override
    public String name() {
        return ChannelName.SHORTVIDEO;
    }

    @Override
    public List<String> render(Alert alert, Target target) {
        return renderer.render(alert, target);
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        if (token.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Skipped("no TikTok account token: the caption is published, no video post"));
        }
        String auth = "Bearer " + token.get();
        String videoUrl = config.publicUrl() + "/api/v1/alerts/" + request.alertId() + "/captions/" + request.target().id() + ".mp4";
        return api.creatorInfo(auth).chain(infoResponse -> {
            JsonNode info = body(infoResponse);
            SendOutcome refusal = refusal(infoResponse.getStatus(), info);
            if (refusal != null) {
                return Uni.createFrom().item(refusal);
            }
            var post = new TikTokApi.PostInfo(request.text(), privacyLevel(info.path("data").path("privacy_level_options")), true, false, true);
            return api.initVideo(auth, new TikTokApi.VideoInit(post, new TikTokApi.SourceInfo("PULL_FROM_URL", videoUrl)))
                    .chain(initResponse -> {
                        JsonNode init = body(initResponse);
                        SendOutcome initRefusal = refusal(initResponse.getStatus(), init);
                        if (initRefusal != null) {
                            return Uni.createFrom().item(initRefusal);
                        }
                        String publishId = init.path("data").path("publish_id").asText();
                        String url = "https://www.tiktok.com/@" + request.account().account();
                        return awaitPublished(auth, publishId, url, config.statusPollAttempts());
                    });
        });
    }

    /** Once init has accepted the post it must never be posted again: from here on, only FAILED is a failure. */
    private Uni<SendOutcome> awaitPublished(String auth, String publishId, String url, int attemptsLeft) {
        return api.fetchStatus(auth, new TikTokApi.StatusFetch(publishId))
                .map(ShortVideoChannel::body)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Status of TikTok post %s not read: %s", publishId, e.getMessage());
                    return null;
                })
                .chain(status -> {
                    String state = status == null ? "" : status.path("data").path("status").asText();
                    if ("PUBLISH_COMPLETE".equals(state)) {
                        return Uni.createFrom().item(new SendOutcome.Sent(publishId, url));
                    }
                    if ("FAILED".equals(state)) {
                        return Uni.createFrom().item(new SendOutcome.Failed("TikTok publish failed: " + status.path("data").path("fail_reason").asText("no reason")));
                    }
                    if (attemptsLeft <= 1) {
                        LOG.infof("TikTok post %s still %s; recorded as sent", publishId, state);
                        return Uni.createFrom().item(new SendOutcome.Sent(publishId, url));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(config.statusPollInterval())
                            .chain(() -> awaitPublished(auth, publishId, url, attemptsLeft - 1));
                });
    }

    private static String privacyLevel(JsonNode options) {
        for (JsonNode option : options) {
            if ("PUBLIC_TO_EVERYONE".equals(option.asText())) {
                return option.asText();
            }
        }
        return options.size() > 0 ? options.get(0).asText() : "SELF_ONLY";
    }

    /** Null when the call succeeded; otherwise what the error means for the delivery. */
    private static SendOutcome refusal(int status, JsonNode body) {
        String code = body.path("error").path("code").asText("");
        if (status < 300 && "ok".equals(code)) {
            return null;
        }
        String reason = "TikTok " + status + " " + code + ": " + body.path("error").path("message").asText("");
        if (status == 429 || status >= 500 || RETRYABLE.contains(code)) {
            return new SendOutcome.RetryLater(Duration.ZERO, reason);
        }
        return new SendOutcome.Failed(reason);
    }

    private static JsonNode body(Response response) {
        try (response) {
            return response.readEntity(JsonNode.class);
        }
    }
}
