package io.banditore.intake;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.banditore.alert.Alert;
import io.banditore.alert.CapStatus;
import io.banditore.alert.CapXmlProvider;
import io.banditore.problem.Problem;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;
import io.banditore.security.SenderPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Post, approve and read CAP alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final String CAP_XML = CapXmlProvider.CAP_XML;
    private static final int MAX_PAGE_SIZE = 500;

    static final String EXAMPLE_WEATHER = """
            {"identifier": "TO-2026-0042", "sender": "protezionecivile@prefettura.torino.it", "sent": "2026-11-24T08:00:00+01:00",
             "status": "Actual", "msgType": "Alert", "scope": "Public",
             "info": [{"language": "it-IT", "category": ["Met"], "event": "Piogge intense", "urgency": "Expected",
               "severity": "Severe", "certainty": "Likely", "senderName": "Prefettura di Torino",
               "headline": "Allerta arancione per piogge intense",
               "instruction": "Evitate i sottopassi e le zone vicine ai corsi d'acqua.",
               "expires": "2026-11-25T00:00:00+01:00", "parameter": [{"valueName": "colore", "value": "arancione"}],
               "area": [{"areaDesc": "Provincia di Torino", "geocode": [{"valueName": "ISTAT", "value": "001"}]}]}]}
            """;
    static final String EXAMPLE_TEST = """
            {"identifier": "IT-ALERT-TEST-TO-01", "sender": "protezionecivile@prefettura.torino.it", "sent": "2026-11-24T10:00:00+01:00",
             "status": "Test", "msgType": "Alert", "scope": "Public",
             "info": [{"language": "it-IT", "category": ["CBRNE"], "event": "Emergenza nucleare e radiologica", "urgency": "Immediate",
               "severity": "Extreme", "certainty": "Observed", "headline": "Test IT-alert: emergenza radiologica",
               "description": "Questo è un messaggio di test del sistema IT-alert.", "expires": "2026-11-24T12:00:00+01:00",
               "area": [{"areaDesc": "Provincia di Torino", "geocode": [{"valueName": "ISTAT", "value": "001"}]}]}]}
            """;

    /** Body of a rejection: why the alert must not go out. */
    public record Rejection(String reason) {
    }

    private final AlertService service;
    private final AlertRegistry registry;
    private final AuditLog audit;
    private final SenderPolicy senders;
    private final SecurityIdentity identity;
    private final AlertRouting routing;

    public AlertResource(AlertService service, AlertRegistry registry, AuditLog audit, SenderPolicy senders,
            SecurityIdentity identity, AlertRouting routing) {
        this.routing = routing;
        this.service = service;
        this.registry = registry;
        this.audit = audit;
        this.senders = senders;
        this.identity = identity;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, CAP_XML, MediaType.APPLICATION_XML })
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Post an alert (CAP 1.2 as JSON or XML)",
            description = "Answers 202 once Kafka has the alert; 200 when the same alert was already accepted; 409 when the same sender and identifier came with other content. The JSON form is described by GET /api/v1/schema/alert.json.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "weather", summary = "Orange rain alert for Torino's province", value = EXAMPLE_WEATHER),
            @ExampleObject(name = "test", summary = "IT-alert test of a radiological emergency", value = EXAMPLE_TEST) }))
    @APIResponse(responseCode = "202", description = "Accepted: on Kafka, pending approval or published")
    @APIResponse(responseCode = "422", description = "Rules broken: problem+json with a pointer to each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> post(Alert alert, UriInfo uri) {
        requireBody(alert);
        senders.check(identity, alert.sender());
        return service.submit(alert, user(), sender -> senders.mayUse(identity, sender)).map(s -> {
            URI location = uri.getBaseUriBuilder().path("api/v1/alerts").path(s.entry().id()).build();
            return Response.status(s.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                    .location(location).entity(AlertView.of(s.entry())).build();
        });
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List alerts, newest first", description = "Filters: state, status, area (ISTAT code or words of areaDesc), since (ISO date-time). X-Total-Count gives the number of matches.")
    public RestResponse<List<AlertView>> list(@QueryParam("state") String state, @QueryParam("status") CapStatus status,
            @QueryParam("area") String area, @QueryParam("since") OffsetDateTime since,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "Bad paging", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE,
                    List.of(new Problem.FieldError(page < 0 ? "page" : "size", "out of range")));
        }
        List<AlertEntry> matching = registry.matching(new AlertRegistry.Query(state, status, area, since == null ? null : since.toInstant()));
        List<AlertView> pageOf = matching.stream().skip((long) page * size).limit(size).map(this::view).toList();
        return RestResponse.ResponseBuilder.ok(pageOf).header("X-Total-Count", matching.size()).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Read one alert and where it stands")
    public AlertView get(@PathParam("id") String id) {
        return view(entry(id));
    }

    @GET
    @Path("{id}")
    @Produces({ CAP_XML, MediaType.APPLICATION_XML })
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Read one alert as CAP 1.2 XML")
    public Alert getCap(@PathParam("id") String id) {
        return entry(id).alert();
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Who did what to the alert, and when")
    public List<AuditEvent> audit(@PathParam("id") String id) {
        entry(id);
        return audit.of(id);
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
                    List.of(new Problem.FieldError("/reason", "is required")));
        }
        return service.reject(id, user(), rejection.reason()).map(AlertView::of);
    }

    private AlertView view(AlertEntry e) {
        return AlertView.of(e, routing.routingOf(e.id()).orElse(null));
    }

    private AlertEntry entry(String id) {
        return registry.find(id).orElseThrow(() -> NotFound.of("alert " + id));
    }

    /** The answer to an empty body, for every endpoint that takes an alert (the preview's too, in channel.PreviewResource). */
    public static void requireBody(Alert alert) {
        if (alert == null) {
            throw new ProblemException(400, "The body is not a valid alert", "the body is empty: post a CAP alert in JSON or XML");
        }
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
