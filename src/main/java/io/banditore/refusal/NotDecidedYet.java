package io.banditore.refusal;

import java.util.List;

/** The request is recorded but its outcome is not known in time; it will be decided all the same. */
public final class NotDecidedYet extends Refusal {

    public NotDecidedYet(String detail) {
        super(detail, List.of());
    }
}
