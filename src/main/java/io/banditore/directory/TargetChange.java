package io.banditore.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A target added, replaced or removed at run time, carried by targets.v1 (compacted, key = target id): the latest
 * change of each id is the target's state. {@code target} is null when the target was removed.
 */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetChange(String changeId, String id, Target target, String by, Instant at) {

    public boolean removed() {
        return target == null;
    }
}
