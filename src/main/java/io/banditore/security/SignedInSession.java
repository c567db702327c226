package io.banditore.security;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.banditore.refusal.Forbidden;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A change asked with the dashboard's session cookie must come from the dashboard's own script. The cookie is
 * SameSite=Lax, so another site cannot send it with a POST; but a page on a sibling host of the same site can, with a
 * plain HTML form, and "approve" takes no body. A form cannot set a header, and a script elsewhere would need a CORS
 * permission this service never gives: the dashboard sends {@code X-Requested-With} with every call, and a change
 * without it is refused. Bearer tokens are not sent by browsers on their own and are not concerned.
 */
public class SignedInSession {

    static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final SecurityIdentity identity;

    public SignedInSession(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** An identity from the authorization code flow: it carries the ID token the session was opened with. */
    static boolean isSession(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.getCredential(IdTokenCredential.class) != null;
    }

    @ServerRequestFilter
    public void onlyFromTheDashboard(ContainerRequestContext request) {
        if (!SAFE.contains(request.getMethod()) && request.getHeaderString(HEADER) == null && isSession(identity)) {
            throw new Forbidden("A change made with the dashboard's session must come from the dashboard ("
                    + HEADER + " header missing)");
        }
    }
}
