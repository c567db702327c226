package io.banditore.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.problem.Problem;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Where each alert went, channel by channel and town by town, live")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final int MAX_PAGE_SIZE = 500;
    /** A comment this often keeps an idle stream open through proxies and shows a dead one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final DeliveryLedger ledger;
    private final ObjectMapper mapper;

    public DeliveryResource(DeliveryLedger ledger, ObjectMapper mapper) {
        this.ledger = ledger;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Deliveries of every alert, most recently changed first",
            description = "Filters: status (one or more, comma-separated, e.g. FAILED), since (ISO date-time of the last change), channel, target, alert. X-Total-Count gives the number of matches.")
    public RestResponse<List<DeliveryStatus>> search(@QueryParam("status") String status, @QueryParam("since") OffsetDateTime since,
            @QueryParam("channel") String channel, @QueryParam("target") String target, @QueryParam("alert") String alert,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "Bad paging", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE,
                    List.of(new Problem.FieldError(page < 0 ? "page" : "size", "out of range")));
        }
        List<DeliveryStatus> matching = ledger.matching(
                new DeliveryLedger.Query(statuses(status), channel, target, alert, since == null ? null : since.toInstant()));
        List<DeliveryStatus> pageOf = matching.stream().skip((long) page * size).limit(size).toList();
        return RestResponse.ResponseBuilder.ok(pageOf).header("X-Total-Count", matching.size()).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One delivery's latest status")
    public DeliveryStatus get(@PathParam("id") String id) {
        return ledger.find(id).orElseThrow(() -> NotFound.of("delivery " + id));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Server-Sent Events: every delivery status change, live, in order per delivery",
            description = "Events named 'delivery' carry a status; the event named 'live' marks the end of a replay. Every event has an id: send the last one back as Last-Event-ID (or ?lastEventId=) to resume, on any replica, without missing a change (the latest status of each delivery changed since is replayed first).")
    public Multi<OutboundSseEvent> stream(@QueryParam("alert") @Parameter(description = "only this alert's deliveries") String alert,
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") @Parameter(description = "for clients that cannot send Last-Event-ID") String lastEventIdQuery,
            @Context Sse sse) {
        String resumeFrom = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdQuery;
        FeedCursor from;
        try {
            from = resumeFrom == null || resumeFrom.isBlank() ? null : FeedCursor.parse(resumeFrom);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Unknown Last-Event-ID", e.getMessage() + "; reconnect without it and reload the deliveries",
                    List.of(new Problem.FieldError("Last-Event-ID", "not a cursor of this stream")));
        }
        Multi<OutboundSseEvent> changes = ledger.feed().stream(alert, from)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(event -> event(sse, event));
        Multi<OutboundSseEvent> heartbeat = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(changes, heartbeat);
    }

    private OutboundSseEvent event(Sse sse, DeliveryFeed.Event event) {
        // The data is JSON already written: plain SSE fields only (id, event, data), as any client expects.
        OutboundSseEvent.Builder builder = sse.newEventBuilder().id(event.cursor().toString());
        try {
            if (event instanceof DeliveryFeed.Change change) {
                return builder.name("delivery").data(mapper.writeValueAsString(change.status())).build();
            }
            return builder.name("live").data("{\"cursor\":\"" + event.cursor() + "\"}").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<DeliveryState> statuses(String status) {
        if (status == null || status.isBlank()) {
            return EnumSet.allOf(DeliveryState.class);
        }
        Set<DeliveryState> wanted = EnumSet.noneOf(DeliveryState.class);
        List<String> unknown = new ArrayList<>();
        for (String s : status.split(",")) {
            try {
                wanted.add(DeliveryState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(s.trim());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(400, "Unknown status", unknown + " is not a delivery status; one of " + EnumSet.allOf(DeliveryState.class),
                    List.of(new Problem.FieldError("status", "one of " + EnumSet.allOf(DeliveryState.class))));
        }
        return wanted;
    }
}
