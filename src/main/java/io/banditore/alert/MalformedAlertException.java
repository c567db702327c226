package io.banditore.alert;

import java.util.List;

/**
 * The body cannot be read as a CAP alert at all (not well-formed, not valid against the CAP schema, or hostile);
 * each violation names where (an XPath or JSON pointer) and what.
 */
public class MalformedAlertException extends RuntimeException {

    private final List<Violation> violations;

    public MalformedAlertException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
