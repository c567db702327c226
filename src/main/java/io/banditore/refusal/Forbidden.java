package io.banditore.refusal;

import java.util.List;

/** The person is known, but this is not theirs to do (a sender they may not use, their own alert to approve). */
public final class Forbidden extends Refusal {

    public Forbidden(String detail) {
        super(detail, List.of());
    }
}
