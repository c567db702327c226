package io.banditore.channel.shortvideo.youtube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.banditore.channel.Credentials;
import io.banditore.channel.ProviderAnswer;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.TransportFault;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens for YouTube, from each secret's OAuth 2.0 refresh token (youtube-client-id, youtube-client-secret,
 * youtube-refresh-token): kept until a minute before they expire, or until YouTube refuses one, then refreshed.
 * No token, refresh token or client secret is ever part of an outcome or a log line: a refusal says what Google's
 * error code was.
 */
@ApplicationScoped
public class GoogleTokens {

    public static final String CLIENT_ID = "youtube-client-id";
    public static final String CLIENT_SECRET = "youtube-client-secret";
    public static final String REFRESH_TOKEN = "youtube-refresh-token";
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final GoogleOAuthApi api;
    private final Credentials credentials;
    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private record AccessToken(String value, Instant expires) {
    }

    /** An access token, or what the delivery comes to without one. */
    public record Grant(String accessToken, SendOutcome refusal) {
    }

    public GoogleTokens(@RestClient GoogleOAuthApi api, Credentials credentials, Clock clock) {
        this.api = api;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A valid access token for the secret's account, refreshed when it is about to expire. */
    public Uni<Grant> accessToken(String secret) {
        AccessToken known = tokens.get(secret);
        if (known != null && Instant.now(clock).plus(EARLY).isBefore(known.expires())) {
            return Uni.createFrom().item(new Grant(known.value(), null));
        }
        Optional<String> id = credentials.get(secret, CLIENT_ID);
        Optional<String> clientSecret = credentials.get(secret, CLIENT_SECRET);
        Optional<String> refresh = credentials.get(secret, REFRESH_TOKEN);
        if (id.isEmpty() || clientSecret.isEmpty() || refresh.isEmpty()) {
            return Uni.createFrom().item(new Grant(null, new SendOutcome.Failed("secret " + secret + " lacks " + CLIENT_ID + ", " + CLIENT_SECRET
                    + " or " + REFRESH_TOKEN + ": YouTube needs all three")));
        }
        return api.token(id.get(), clientSecret.get(), refresh.get(), "refresh_token").map(ProviderAnswer::of)
                .map(answer -> grant(secret, answer))
                .onFailure().recoverWithItem(e -> new Grant(null, new SendOutcome.RetryLater(Duration.ZERO,
                        TransportFault.describe("Google's token endpoint", e))));
    }

    /** Forgets the secret's access token (YouTube refused it): the next call refreshes it. */
    public void forget(String secret) {
        tokens.remove(secret);
    }

    private Grant grant(String secret, ProviderAnswer answer) {
        String token = answer.json().path("access_token").asText("");
        if (answer.status() == 200 && !token.isEmpty()) {
            tokens.put(secret, new AccessToken(token, Instant.now(clock).plusSeconds(answer.json().path("expires_in").asLong(3600))));
            return new Grant(token, null);
        }
        // Google's error codes (invalid_grant: revoked or expired refresh token; invalid_client: wrong client) and description.
        String reason = "Google OAuth token refresh " + answer.status() + " " + answer.json().path("error").asText("")
                + ": " + answer.json().path("error_description").asText(answer.json().isMissingNode() ? answer.excerpt() : "");
        if (answer.status() >= 500 || answer.status() == 429) {
            return new Grant(null, new SendOutcome.RetryLater(Duration.ZERO, reason));
        }
        return new Grant(null, new SendOutcome.Failed(reason + " (the account must be authorised again)"));
    }
}
