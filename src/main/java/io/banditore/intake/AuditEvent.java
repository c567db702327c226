package io.banditore.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Who did what to an alert, and when; carried by audit.v1, key = alert id. */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(String eventId, String alertId, String identifier, String sender, String action, String actor, Instant at,
        String detail) {
}
