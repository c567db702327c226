package io.banditore.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.alert.Alert;

/**
 * One alert as the intake knows it: the alert, its state, who posted and who decided, and the alert id of the Update
 * or Cancel that superseded or withdrew it ({@code supersededBy}, null until then). Each change is a new revision
 * written to the intake journal; the higher revision wins.
 */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEntry(
        String id,
        Alert alert,
        AlertState state,
        String submittedBy,
        Instant submittedAt,
        String decidedBy,
        Instant decidedAt,
        String reason,
        String contentHash,
        boolean published,
        long revision,
        String supersededBy) {

    public AlertEntry approved(String approver, Instant at) {
        return new AlertEntry(id, alert, AlertState.ACTIVE, submittedBy, submittedAt, approver, at, null, contentHash, true, revision + 1,
                supersededBy);
    }

    public AlertEntry withState(AlertState newState, String by, Instant at, String why) {
        return new AlertEntry(id, alert, newState, submittedBy, submittedAt, by, at, why, contentHash, published, revision + 1, supersededBy);
    }

    /** Updated or cancelled by the alert {@code byId}. */
    public AlertEntry supersededBy(AlertState newState, String byId, String by, Instant at) {
        return new AlertEntry(id, alert, newState, submittedBy, submittedAt, by, at, reason, contentHash, published, revision + 1, byId);
    }

    public AlertEntry asPublished(boolean isPublished) {
        return new AlertEntry(id, alert, state, submittedBy, submittedAt, decidedBy, decidedAt, reason, contentHash, isPublished, revision,
                supersededBy);
    }
}
