package io.banditore.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.alert.Alert;

/**
 * An alert as the API shows it: the alert, where it stands and who did what, and once routed, the towns it
 * reached (or {@code routing.unmatched} when it covers no configured town). {@code publicChannels} says whether it
 * may reach a town's public channels at all, and {@code publicChannelsNote} why not (an Ack, an Error, a Draft).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(
        String id,
        String identifier,
        String sender,
        AlertState state,
        boolean published,
        String submittedBy,
        Instant submittedAt,
        String decidedBy,
        Instant decidedAt,
        String reason,
        String supersededBy,
        boolean publicChannels,
        String publicChannelsNote,
        Alert alert,
        AlertRouting.Outcome routing) {

    static AlertView of(AlertEntry e) {
        return of(e, null);
    }

    static AlertView of(AlertEntry e, AlertRouting.Outcome routing) {
        return new AlertView(e.id(), e.alert().identifier(), e.alert().sender(), e.state(), e.published(), e.submittedBy(),
                e.submittedAt(), e.decidedBy(), e.decidedAt(), e.reason(), e.supersededBy(), e.alert().reachesPublicChannels(),
                e.alert().whyNotPublic(), e.alert(), routing);
    }
}
