package io.banditore.channel.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.Part;
import io.banditore.channel.ProviderAnswer;
import io.banditore.channel.RateLimit;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.directory.ChannelName;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a town's posts on X (API v2 POST /2/tweets) as the town's account: OAuth 1.0a user context when the
 * town's secret holds the four OAuth 1.0a keys, else its OAuth 2.0 user access token.
 */
@ApplicationScoped
public class XChannel implements ChannelPublisher {

    /** Credential key of the OAuth 2.0 user access token in the target's secret. */
    public static final String TOKEN_KEY = "x-access-token";
    /** Credential keys of OAuth 1.0a user context: the app's consumer key and secret, the account's token and secret. */
    public static final String CONSUMER_KEY = "x-consumer-key";
    public static final String CONSUMER_SECRET = "x-consumer-secret";
    public static final String OAUTH_TOKEN = "x-oauth-token";
    public static final String OAUTH_TOKEN_SECRET = "x-oauth-token-secret";

    private static final String CREATE_POST_PATH = "/2/tweets";

    private final XApi api;
    private final XRenderer renderer;
    private final Credentials credentials;
    private final XConfig config;
    private final String createPostUrl;
    private final Clock clock;

    public XChannel(@RestClient XApi api, XRenderer renderer, Credentials credentials, XConfig config,
            @ConfigProperty(name = "quarkus.rest-client.x.url") String baseUrl, Clock clock) {
        this.api = api;
        this.renderer = renderer;
        this.credentials = credentials;
        this.config = config;
        // The signature covers the URL the request goes to, without query (POST /2/tweets has none).
        this.createPostUrl = baseUrl.replaceAll("/+$", "") + CREATE_POST_PATH;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ChannelName.X;
    }

    @Override
    public List<Part> render(RenderRequest request) {
        return renderer.render(request);
    }

    /** X counts posts per user: every part of every alert of one account shares one window. */
    @Override
    public List<RateLimit> limits(SendRequest request) {
        return List.of(new RateLimit("x/account/" + request.account().credentials(), config.postsPerWindow(), config.window()));
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        String secret = request.account().credentials();
        Optional<String> authorization = authorization(secret);
        if (authorization.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Failed("no X credentials in secret " + secret + ": either " + TOKEN_KEY
                    + ", or " + CONSUMER_KEY + ", " + CONSUMER_SECRET + ", " + OAUTH_TOKEN + " and " + OAUTH_TOKEN_SECRET));
        }
        XApi.Reply reply = request.replyTo() == null ? null : new XApi.Reply(request.replyTo());
        return api.createPost(authorization.get(), new XApi.CreatePost(request.text(), reply))
                .map(response -> outcome(response, request.account().account()));
    }

    /** A fresh Authorization header: OAuth 1.0a signs each request (a JSON body is not part of the signature). */
    private Optional<String> authorization(String secret) {
        var consumerKey = credentials.get(secret, CONSUMER_KEY);
        var consumerSecret = credentials.get(secret, CONSUMER_SECRET);
        var token = credentials.get(secret, OAUTH_TOKEN);
        var tokenSecret = credentials.get(secret, OAUTH_TOKEN_SECRET);
        if (consumerKey.isPresent() && consumerSecret.isPresent() && token.isPresent() && tokenSecret.isPresent()) {
            var keys = new OAuth1Signer.Keys(consumerKey.get(), consumerSecret.get(), token.get(), tokenSecret.get());
            return Optional.of(OAuth1Signer.authorization("POST", createPostUrl, Map.of(), keys));
        }
        return credentials.get(secret, TOKEN_KEY).map(bearer -> "Bearer " + bearer);
    }

    /**
     * 201 with the post's id is sent; 429 waits for x-rate-limit-reset; 403 "duplicate content" means X already has
     * this post, which counts as posted; 5xx and unreadable answers are retried; any other refusal is permanent, with X's own words.
     */
    private SendOutcome outcome(Response response, String account) {
        ProviderAnswer answer = ProviderAnswer.of(response);
        int status = answer.status();
        JsonNode body = answer.json();
        if (status == 201 || status == 200) {
            String id = body.path("data").path("id").asText("");
            if (id.isEmpty()) {
                return new SendOutcome.RetryLater(Duration.ZERO, "X " + status + " without a post id: " + answer.excerpt());
            }
            return new SendOutcome.Sent(id, "https://x.com/" + account + "/status/" + id);
        }
        String detail = "X " + status + ": " + body.path("detail").asText(body.path("title").asText(answer.excerpt()));
        if (status == 429) {
            return new SendOutcome.RetryLater(untilReset(answer.header("x-rate-limit-reset")), detail);
        }
        if (status == 403 && detail.toLowerCase(Locale.ROOT).contains("duplicate content")) {
            // X already has this very post (an earlier attempt's answer was lost): it is posted, and the thread goes
            // on. X does not say its id; the next part follows the last post whose id is known.
            return new SendOutcome.Sent("", null, "X already had this post (duplicate content)");
        }
        if (status >= 500 || status == 408) {
            return new SendOutcome.RetryLater(Duration.ZERO, detail);
        }
        return new SendOutcome.Failed(detail);
    }

    /** x-rate-limit-reset is the epoch second the window reopens; without it, the backoff decides. */
    private Duration untilReset(String reset) {
        if (reset == null || !reset.trim().matches("\\d{1,12}")) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(Instant.now(clock), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
