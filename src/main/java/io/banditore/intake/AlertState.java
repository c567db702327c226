package io.banditore.intake;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an alert stands in its life. */
public enum AlertState {
    @JsonProperty("pending-approval")
    PENDING_APPROVAL,
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("updated")
    UPDATED,
    @JsonProperty("cancelled")
    CANCELLED,
    @JsonProperty("expired")
    EXPIRED,
    @JsonProperty("rejected")
    REJECTED
}
