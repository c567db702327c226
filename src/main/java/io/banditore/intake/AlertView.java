package io.banditore.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.alert.Alert;

/** An alert as the API shows it: the alert, where it stands and who did what. */
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
        Alert alert) {

    static AlertView of(AlertEntry e) {
        return new AlertView(e.id(), e.alert().identifier(), e.alert().sender(), e.state(), e.published(), e.submittedBy(),
                e.submittedAt(), e.decidedBy(), e.decidedAt(), e.reason(), e.alert());
    }
}
