package io.banditore.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A target as the API lists it: where it comes from (the file, or a change made at run time) and who last changed it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectoryEntry(String id, Source source, String updatedBy, Instant updatedAt, Target target) {

    public enum Source {
        /** The directory file. */
        @JsonProperty("file")
        FILE,
        /** Added at run time. */
        @JsonProperty("runtime")
        RUNTIME,
        /** Replaced at run time; the file's version returns when the change is deleted. */
        @JsonProperty("override")
        OVERRIDE
    }
}
