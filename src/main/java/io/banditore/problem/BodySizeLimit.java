package io.banditore.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Refuses a body larger than quarkus.http.limits.max-body-size by its Content-Length, before reading it, with a
 * problem+json that says the limit; Quarkus's own check stays behind it for bodies sent without a length.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long limit;
    private final ObjectMapper mapper;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (tooLarge(length)) {
                Problem problem = new Problem(java.net.URI.create("urn:banditore:problem:too-large"), "The body is too large", 413,
                        "the body has " + length + " bytes; the most accepted is " + limit + " (an alert is a few kilobytes)",
                        ctx.request().path(), List.of());
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(json(problem));
                return;
            }
            ctx.next();
        });
    }

    /** A length of more digits than a long holds is too large too (not a 500 from parsing it). */
    boolean tooLarge(String length) {
        if (length == null || length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        String digits = length.replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 || Long.parseLong(digits) > limit;
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
