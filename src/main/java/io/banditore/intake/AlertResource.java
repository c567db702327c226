package io.banditore.intake;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.alert.Alert;
import io.banditore.problem.ProblemException;
import io.banditore.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Post, approve and read CAP alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** Body of a rejection: why the alert must not go out. */
    public record Rejection(String reason) {
    }

    private final AlertService service;
    private final AlertRegistry registry;
    private final SecurityIdentity identity;

    public AlertResource(AlertService service, AlertRegistry registry, SecurityIdentity identity) {
        this.service = service;
        this.registry = registry;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Post an alert", description = "Answers 202 once Kafka has the alert; 200 when the same alert was already accepted.")
    public Uni<Response> post(Alert alert, UriInfo uri) {
        if (alert == null) {
            throw new ProblemException(400, "The body is not a valid alert", "the body is empty: post a CAP alert in JSON");
        }
        return service.submit(alert, user()).map(s -> {
            URI location = uri.getBaseUriBuilder().path("api/v1/alerts").path(s.entry().id()).build();
            return Response.status(s.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                    .location(location).entity(AlertView.of(s.entry())).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List alerts, newest first")
    public List<AlertView> list() {
        return registry.all().stream()
                .sorted(Comparator.comparing(AlertEntry::submittedAt).reversed())
                .map(AlertView::of)
                .toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Read one alert and where it stands")
    public AlertView get(@PathParam("id") String id) {
        return registry.find(id).map(AlertView::of).orElseThrow(() -> ProblemException.notFound("alert " + id));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve an alert posted by someone else; it is then published")
    public Uni<AlertView> approve(@PathParam("id") String id) {
        return service.approve(id, user()).map(AlertView::of);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Reject an alert pending approval, saying why")
    public Uni<AlertView> reject(@PathParam("id") String id, Rejection rejection) {
        if (rejection == null || rejection.reason() == null || rejection.reason().isBlank()) {
            throw new ProblemException(400, "A reason is required", "say why the alert is rejected",
                    List.of(new io.banditore.problem.Problem.FieldError("/reason", "is required")));
        }
        return service.reject(id, user(), rejection.reason()).map(AlertView::of);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
