package io.banditore.refusal;

import java.util.List;

/**
 * A request the domain refuses, said in the domain's words (not found, conflict, forbidden...): services throw
 * these, and the problem mapper alone decides what HTTP makes of them. This package imports nothing of Banditore,
 * so that every room may throw them and the mapper may read them without a tie back into the domain.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, Conflict, Forbidden, RulesBroken, NotDecidedYet {

    /** One field at fault: a JSON pointer to it, and what is wrong with it. */
    public record Field(String pointer, String detail) {
    }

    private final List<Field> fields;

    Refusal(String detail, List<Field> fields) {
        super(detail);
        this.fields = List.copyOf(fields);
    }

    /** What is refused and why, in words the person who asked can act on. */
    public String detail() {
        return getMessage();
    }

    public List<Field> fields() {
        return fields;
    }
}
