package io.banditore.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * An API request that carries no credential is answered 401 with {@code WWW-Authenticate: Bearer}, never redirected
 * to the identity provider's sign-in page: with dashboard sign-in on, the OpenID Connect mechanism runs first (so that
 * the page's session cookie works on the API too) and would otherwise challenge a script or a city system with a
 * redirect to a login form it cannot fill in. It authenticates nobody; a request whose bearer token or session was
 * refused is still answered by the mechanism that refused it.
 */
@ApplicationScoped
public class ApiChallenge implements HttpAuthenticationMechanism {

    static final String API = "/api/";
    private static final ChallengeData BEARER = new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
            HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return context.normalizedPath().startsWith(API) ? Uni.createFrom().item(BEARER) : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Before the OpenID Connect mechanism (default + 1), whose challenge is a redirect. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 2;
    }
}
