package io.banditore.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail; {@code errors} lists each field at fault with a JSON pointer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: where, and what is wrong with it. */
    public record FieldError(String pointer, String detail) {
    }
}
