package io.banditore.problem;

import java.util.List;

/**
 * An answer in HTTP's own terms, made by a resource or a filter (a bad query parameter, a missing body, a stream not
 * ready): the domain's refusals are {@link io.banditore.refusal.Refusal}s instead.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
