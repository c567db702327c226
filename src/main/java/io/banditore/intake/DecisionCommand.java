package io.banditore.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.alert.Alert;

/**
 * A decision asked of the intake, on intake.commands.v1 (key = alert id): what the HTTP request (or the expiry
 * watch) asks, after every check that needs no state. {@code commandId} ties the decision to the request waiting for it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionCommand(String commandId, Kind kind, String alertId, Alert alert, String actor, String reason, Instant at) {

    public enum Kind {
        /** The first post of an alert, or the same one again. */
        SUBMIT,
        APPROVE,
        REJECT,
        /** Sent by the expiry watch of any replica; only the first one for an alert changes anything. */
        EXPIRE
    }
}
