package io.banditore.security;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** Who the service takes the caller for: the dashboard asks it to know whether its sign-in session holds. */
@Path("/api/v1/session")
@Tag(name = "Session", description = "The signed-in person as the service sees them")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SecurityIdentity identity;

    public SessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Operation(summary = "The caller's user name, Banditore roles and how they signed in (oidc: the dashboard's "
            + "session; token: a bearer token)")
    public Session session() {
        List<String> roles = ImpliedRoles.granted(identity);
        return new Session(identity.getPrincipal().getName(), roles,
                SignedInSession.isSession(identity) ? Session.OIDC : Session.TOKEN);
    }

    /**
     * @param roles only the Banditore roles granted (not those they imply), in their usual order; none means the API
     *              refuses this person everything
     */
    public record Session(String user, List<String> roles, String signIn) {
        static final String OIDC = "oidc";
        static final String TOKEN = "token";
    }
}
