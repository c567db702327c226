package io.banditore.alert;

import java.util.List;

/** The alert breaks one or more rules; every violation is reported at once. */
public class InvalidAlertException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidAlertException(List<Violation> violations) {
        super(violations.size() + " rule(s) broken: " + violations.get(0).pointer() + " " + violations.get(0).detail());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
