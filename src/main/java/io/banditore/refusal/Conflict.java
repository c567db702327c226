package io.banditore.refusal;

import java.util.List;

/** The request contradicts the state of what it acts on (a delivery already SENT, an alert already rejected). */
public final class Conflict extends Refusal {

    public Conflict(String detail) {
        super(detail, List.of());
    }
}
