package io.banditore.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import io.banditore.refusal.Conflict;
import io.banditore.refusal.Forbidden;
import io.banditore.refusal.NotDecidedYet;
import io.banditore.refusal.NotFound;
import io.banditore.refusal.Refusal;
import io.banditore.refusal.RulesBroken;

/** Each refusal of the domain becomes the status, title and type the API has always answered with. */
class ProblemMapperTest {

    private static final UriInfo URI_INFO = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
            (proxy, method, args) -> method.getName().equals("getPath") ? "/api/v1/somewhere" : null);

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void notFoundConflictForbiddenAndNotDecidedYet() {
        assertProblem(NotFound.of("alert x"), 404, "Not found", "not-found", "alert x does not exist");
        assertProblem(new Conflict("delivery d was SENT"), 409, "Conflict", "conflict", "delivery d was SENT");
        assertProblem(new Forbidden("mario may not post as sender 's'"), 403, "Forbidden", "forbidden", "mario may not post as sender 's'");
        assertProblem(new NotDecidedYet("The request is on Kafka"), 503, "Not decided yet", "not-decided-yet", "The request is on Kafka");
    }

    @Test
    void brokenRulesListEveryFieldWithItsPointer() {
        Problem problem = problem(new RulesBroken("target", List.of(new Refusal.Field("/istat", "not the ISTAT code of a comune"),
                new Refusal.Field("/id", "differs from the id of the URL"))));
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.title()).isEqualTo("The target breaks 2 rule(s)");
        assertThat(problem.detail()).isEqualTo("Correct the fields listed in errors and send it again.");
        assertThat(problem.errors()).containsExactly(new Problem.FieldError("/istat", "not the ISTAT code of a comune"),
                new Problem.FieldError("/id", "differs from the id of the URL"));
        assertThat(problem.instance()).isEqualTo("/api/v1/somewhere");
    }

    private void assertProblem(Refusal refusal, int status, String title, String slug, String detail) {
        Problem problem = problem(refusal);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.title()).isEqualTo(title);
        assertThat(problem.type()).isEqualTo(URI.create("urn:banditore:problem:" + slug));
        assertThat(problem.detail()).isEqualTo(detail);
        assertThat(problem.errors()).isEmpty();
    }

    private Problem problem(Refusal refusal) {
        var response = mapper.refused(refusal, URI_INFO);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }
}
