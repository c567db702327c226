package io.banditore.refusal;

import java.util.List;

/** Something sent to be kept (a target of the directory) breaks the rules it is checked against; every field at fault at once. */
public final class RulesBroken extends Refusal {

    private final String subject;

    /** @param subject what breaks them, as a reader names it: "target" */
    public RulesBroken(String subject, List<Field> fields) {
        super("Correct the fields listed in errors and send it again.", fields);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
