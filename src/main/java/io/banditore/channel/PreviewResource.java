package io.banditore.channel;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.alert.Alert;
import io.banditore.alert.CapXmlProvider;
import io.banditore.intake.AlertResource;
import io.banditore.security.Roles;

/**
 * The preview of an alert, beside the intake's other alert endpoints: the same class path as AlertResource, which
 * RESTEasy Reactive merges into one set of routes, so {@code preview} still wins over {@code {id}} as it did in one class.
 * It lives here because it renders with the channels.
 */
@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Post, approve and read CAP alerts")
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {

    private final PreviewService previews;

    public PreviewResource(PreviewService previews) {
        this.previews = previews;
    }

    @POST
    @Path("preview")
    @Consumes({ MediaType.APPLICATION_JSON, CapXmlProvider.CAP_XML, MediaType.APPLICATION_XML })
    @RolesAllowed({ Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "What every channel would publish for every town of the alert's area, without publishing")
    public List<PreviewService.ChannelPreview> preview(Alert alert) {
        AlertResource.requireBody(alert);
        return previews.preview(alert);
    }
}
