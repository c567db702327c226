package io.banditore.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.alert.Violation;

/**
 * What the decider made of one command, on intake.decisions.v1 in the same transaction as everything the decision
 * wrote: the answer in HTTP's terms ({@code status}: 202 new, 200 the same or done, 403, 404, 409, 422), the entries
 * it wrote (the alert's first, then those it superseded) and its audit records, so that the replica that took the
 * request shows them at once.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Decision(String commandId, String alertId, int status, String detail, List<Violation> violations, AlertEntry entry,
        List<AlertEntry> superseded, List<AuditEvent> audit) {

    public Decision {
        violations = violations == null ? List.of() : List.copyOf(violations);
        superseded = superseded == null ? List.of() : List.copyOf(superseded);
        audit = audit == null ? List.of() : List.copyOf(audit);
    }

    public boolean accepted() {
        return status == 200 || status == 202;
    }
}
