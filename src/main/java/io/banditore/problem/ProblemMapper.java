package io.banditore.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.banditore.alert.InvalidAlertException;
import io.banditore.alert.MalformedAlertException;
import io.banditore.alert.Violation;
import io.banditore.refusal.Conflict;
import io.banditore.refusal.Forbidden;
import io.banditore.refusal.NotDecidedYet;
import io.banditore.refusal.NotFound;
import io.banditore.refusal.Refusal;
import io.banditore.refusal.RulesBroken;

/** The one place where errors become RFC 9457 problem+json; nothing else answers with a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response invalidAlert(InvalidAlertException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.violations().stream().map(ProblemMapper::fieldError).toList();
        return respond(new Problem(type("invalid-alert"), "The alert breaks " + errors.size() + " rule(s)", 422,
                "Correct the fields listed in errors and post again.", uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response malformedAlert(MalformedAlertException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.violations().stream().map(ProblemMapper::fieldError).toList();
        return respond(new Problem(type("malformed-body"), "The body is not a valid CAP alert", 400, e.getMessage(), uri.getPath(), errors));
    }

    /** The domain's refusals, each as the status and title HTTP has for it. */
    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri) {
        List<Problem.FieldError> errors = e.fields().stream().map(f -> new Problem.FieldError(f.pointer(), f.detail())).toList();
        int status;
        String title;
        if (e instanceof NotFound) {
            status = 404;
            title = "Not found";
        } else if (e instanceof Conflict) {
            status = 409;
            title = "Conflict";
        } else if (e instanceof Forbidden) {
            status = 403;
            title = "Forbidden";
        } else if (e instanceof RulesBroken broken) {
            status = 422;
            title = "The " + broken.subject() + " breaks " + errors.size() + " rule(s)";
        } else if (e instanceof NotDecidedYet) {
            status = 503;
            title = "Not decided yet";
        } else {
            throw new IllegalStateException("no status for the refusal " + e.getClass().getName());
        }
        return respond(new Problem(type(slug(title)), title, status, e.detail(), uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(type(slug(e.title())), e.title(), e.status(), e.getMessage(), uri.getPath(), e.errors()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String pointer = e instanceof JsonMappingException m ? pointer(m) : "";
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                    + (f.getTargetType().isEnum() ? "; one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants()) : "");
        } else {
            detail = "malformed JSON at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ", column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage();
        }
        return respond(new Problem(type("malformed-body"), "The body is not a valid alert", 400, detail, uri.getPath(),
                List.of(new Problem.FieldError(pointer, detail))));
    }

    // Quarkus maps this subtype itself (plain JSON); the most specific mapper wins, so it is named here too.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity() || status < 400) {
            return e.getResponse();
        }
        return respond(new Problem(type("http-" + status), Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, e.getMessage(), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(org.apache.kafka.common.KafkaException e, UriInfo uri) {
        LOG.warn("Kafka did not acknowledge a write for " + uri.getPath() + ": " + e);
        return Response.fromResponse(respond(new Problem(type("unavailable"), "Kafka is unreachable", 503,
                "The request may not have been recorded. Post it again: the same alert posted twice is one alert.",
                uri.getPath(), List.of()))).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("Unexpected error answering " + uri.getPath(), e);
        return respond(new Problem(type("internal"), "Internal error", 500,
                "The request was not completed; it is safe to post it again.", uri.getPath(), List.of()));
    }

    private static Problem.FieldError fieldError(Violation v) {
        return new Problem.FieldError(v.pointer(), v.detail());
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return sb.toString();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static URI type(String slug) {
        return URI.create("urn:banditore:problem:" + slug);
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
