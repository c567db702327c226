package io.banditore.refusal;

import java.util.List;

/** What was asked for does not exist (or is not where it was looked for). */
public final class NotFound extends Refusal {

    public NotFound(String detail) {
        super(detail, List.of());
    }

    /** "alert X does not exist". */
    public static NotFound of(String what) {
        return new NotFound(what + " does not exist");
    }
}
