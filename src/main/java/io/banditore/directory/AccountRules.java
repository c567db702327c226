package io.banditore.directory;

import java.util.List;
import java.util.regex.Pattern;

import io.banditore.alert.Violation;

/** The rules every channel's accounts share, for the channels' own {@link ChannelDeclaration#checkAccount}. */
public final class AccountRules {

    /** A secret's name becomes part of a configuration key and of an environment variable. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private AccountRules() {
    }

    /** The account names the secret that holds its credentials, by a name that can be a configuration key. */
    public static void credentials(List<Violation> errors, String at, String channel, String credentials) {
        if (credentials == null || credentials.isBlank()) {
            errors.add(new Violation(at + "/credentials", "names no secret: the name of the secret holding the " + channel + " credentials is required"));
        } else if (!SECRET.matcher(credentials).matches()) {
            errors.add(new Violation(at + "/credentials", "'" + credentials + "' must be letters, digits, '-' and '_' (it names banditore.credentials.<secret>.*)"));
        }
    }

    /** A field the account must have, in the form {@code pattern} gives ({@code what} says it to the operator). */
    public static void required(List<Violation> errors, String pointer, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            errors.add(new Violation(pointer, "is required: " + what));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new Violation(pointer, "'" + value + "' is not " + what));
        }
    }
}
