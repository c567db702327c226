package io.banditore.dispatch;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.problem.Problem;
import io.banditore.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The retry of a delivery, beside delivery's views of it: the same class path as DeliveryResource, which RESTEasy
 * Reactive merges into one set of routes. It lives here because retrying runs the dispatch again.
 */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Where each alert went, channel by channel and town by town, live")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryRetryResource {

    private final DeliveryRetries retries;
    private final SecurityIdentity identity;

    public DeliveryRetryResource(DeliveryRetries retries, SecurityIdentity identity) {
        this.retries = retries;
        this.identity = identity;
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Queue a FAILED delivery again", description = "A new round of attempts; a SENT delivery is never sent again, and an alert cancelled, updated or expired since is not retried.")
    @APIResponse(responseCode = "202", description = "Queued again: the QUEUED status")
    @APIResponse(responseCode = "409", description = "Not FAILED, or its alert may no longer be published", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> retry(@PathParam("id") String id) {
        return retries.retry(id, identity.getPrincipal().getName()).map(queued -> Response.accepted(queued).build());
    }
}
