package io.banditore.channel.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.alert.Alert;
import io.banditore.channel.ChannelName;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.routing.Target;
import io.smallrye.mutiny.Uni;

/** Publishes a town's posts on X (API v2, OAuth 2.0 user token). */
@ApplicationScoped
public class XChannel implements ChannelPublisher {

    /** Credential key of the OAuth 2.0 user access token in the target's secret. */
    public static final String TOKEN_KEY = "x-access-token";

    private final XApi api;
    private final XRenderer renderer;
    private final Credentials credentials;
    private final Clock clock;

    public XChannel(@RestClient XApi api, XRenderer renderer, Credentials credentials, Clock clock) {
        this.api = api;
        this.renderer = renderer;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ChannelName.X;
    }

    @Override
    public List<String> render(Alert alert, Target target) {
        return renderer.render(alert, target);
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        if (token.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Failed("no X access token in secret " + request.account().credentials()));
        }
        XApi.Reply reply = request.replyTo() == null ? null : new XApi.Reply(request.replyTo());
        return api.createPost("Bearer " + token.get(), new XApi.CreatePost(request.text(), reply))
                .map(response -> outcome(response, request.account().account()));
    }

    private SendOutcome outcome(Response response, String account) {
        try (response) {
            JsonNode body = response.readEntity(JsonNode.class);
            int status = response.getStatus();
            if (status == 201 || status == 200) {
                String id = body.path("data").path("id").asText();
                return new SendOutcome.Sent(id, "https://x.com/" + account + "/status/" + id);
            }
            String detail = "X " + status + ": " + body.path("detail").asText(body.path("title").asText("no detail"));
            if (status == 429) {
                String reset = response.getHeaderString("x-rate-limit-reset");
                Duration wait = reset == null ? Duration.ZERO
                        : Duration.between(Instant.now(clock), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                return new SendOutcome.RetryLater(wait.isNegative() ? Duration.ZERO : wait, detail);
            }
            if (status == 403 && detail.toLowerCase(Locale.ROOT).contains("duplicate content")) {
                return new SendOutcome.Skipped("duplicate: X already has this post");
            }
            if (status >= 500) {
                return new SendOutcome.RetryLater(Duration.ZERO, detail);
            }
            return new SendOutcome.Failed(detail);
        }
    }
}
