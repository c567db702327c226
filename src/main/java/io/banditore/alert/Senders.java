package io.banditore.alert;

import java.util.Locale;

/**
 * CAP senders are addresses, and an address's case means nothing: every comparison of senders (allow-lists, alert
 * ids, supervision, references) goes through here, while the alert keeps the sender's own spelling.
 */
public final class Senders {

    /** The form senders are compared in. */
    public static String normalised(String sender) {
        return sender == null ? null : sender.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && normalised(a).equals(normalised(b));
    }

    /** A pattern as configuration spells it: "*" any sender, "*@domain" (or any "*suffix") any address ending so, else exact. */
    public static boolean matches(String pattern, String sender) {
        if (pattern == null || sender == null) {
            return false;
        }
        String p = normalised(pattern);
        if (p.equals("*")) {
            return true;
        }
        return p.startsWith("*") ? normalised(sender).endsWith(p.substring(1)) : p.equals(normalised(sender));
    }

    private Senders() {
    }
}
