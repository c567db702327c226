package io.banditore.delivery;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.intake.AlertRegistry;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;

@Path("/api/v1/alerts/{id}/deliveries")
@Tag(name = "Deliveries", description = "Where each alert went, channel by channel and town by town, live")
@Produces(MediaType.APPLICATION_JSON)
public class AlertDeliveriesResource {

    private final DeliveryLedger ledger;
    private final AlertRegistry alerts;

    public AlertDeliveriesResource(DeliveryLedger ledger, AlertRegistry alerts) {
        this.ledger = ledger;
        this.alerts = alerts;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The deliveries of one alert, by channel and target", description = "Filters: channel, status (one or more, comma-separated), target.")
    public List<DeliveryStatus> ofAlert(@PathParam("id") String id, @QueryParam("channel") String channel,
            @QueryParam("status") String status, @QueryParam("target") String target) {
        if (alerts.find(id).isEmpty()) {
            throw NotFound.of("alert " + id);
        }
        return ledger.ofAlert(id, new DeliveryLedger.Query(DeliveryResource.statuses(status), channel, target, null, null));
    }
}
