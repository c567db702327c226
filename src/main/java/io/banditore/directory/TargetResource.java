package io.banditore.directory;

import java.util.Collection;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.problem.Problem;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/targets")
@Tag(name = "Targets", description = "The directory of towns and their channel accounts; admins add and replace targets at run time")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    static final String EXAMPLE = """
            {"name": "Comune di Ivrea", "istat": "001125", "coordinates": {"lat": 45.4673, "lon": 7.8760},
             "languages": ["it"], "acceptsTests": true,
             "channels": {"telegram": {"chat": "@comunediivrea", "credentials": "ivrea"},
                          "x": {"account": "comunediivrea", "hashtags": ["#Ivrea"], "credentials": "ivrea"}}}
            """;

    private final TargetDirectory directory;
    private final TargetChanges changes;
    private final SecurityIdentity identity;

    public TargetResource(TargetDirectory directory, TargetChanges changes, SecurityIdentity identity) {
        this.directory = directory;
        this.changes = changes;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every target: the file's, in its order, then those added at run time")
    public Collection<DirectoryEntry> list() {
        return directory.entries();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One target and where it comes from")
    public DirectoryEntry get(@PathParam("id") String id) {
        return directory.entry(id).orElseThrow(() -> NotFound.of("target " + id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a target, or replace one (a file's target is replaced until the replacement is deleted)",
            description = "Checked like the directory file; persisted on targets.v1 and applied by every replica.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ivrea", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Set, and in this replica's directory")
    @APIResponse(responseCode = "202", description = "On Kafka; this replica has not read it back yet")
    @APIResponse(responseCode = "422", description = "Rules broken: problem+json with a pointer to each field", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> put(@PathParam("id") String id, Target target) {
        if (target == null) {
            throw new ProblemException(400, "The body is not a valid target", "the body is empty: send the target as JSON");
        }
        return changes.put(id, target, identity.getPrincipal().getName())
                .map(entry -> entry.map(e -> Response.ok(e)).orElseGet(Response::accepted).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a target added at run time, or the run-time replacement of a file's target")
    @APIResponse(responseCode = "204", description = "Removed (a replaced file target is back to the file's version)")
    @APIResponse(responseCode = "409", description = "The target comes from the directory file", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> delete(@PathParam("id") String id) {
        return changes.remove(id, identity.getPrincipal().getName())
                .map(entry -> Response.noContent().build());
    }
}
