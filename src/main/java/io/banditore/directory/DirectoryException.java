package io.banditore.directory;

import java.util.List;

/** The directory file cannot be used: every mistake is listed, each naming its entry. */
public class DirectoryException extends IllegalStateException {

    private final List<String> errors;

    public DirectoryException(String location, List<String> errors) {
        super("The directory of targets " + location + " has " + errors.size() + " mistake(s):\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
