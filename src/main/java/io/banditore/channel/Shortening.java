package io.banditore.channel;

import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The one way a text is made shorter, wherever a channel has less room than the alert needs: cut between words (or
 * inside a word only when no space lies in the second half), never inside a code point, and marked with an ellipsis.
 * What gives way first is the Wording's rule (the description before the instruction).
 */
public final class Shortening {

    public static final String ELLIPSIS = "…";

    private Shortening() {
    }

    /** At most {@code max}, measured by {@code length}; the whole text when it fits, "" when not even an ellipsis does. */
    public static String cut(String text, int max, ToIntFunction<String> length) {
        if (length.applyAsInt(text) <= max) {
            return text;
        }
        int room = max - length.applyAsInt(ELLIPSIS);
        if (room <= 0) {
            return "";
        }
        // The longest run of code points that leaves room for the ellipsis; measures only grow as text is added.
        int end = largest(text.codePointCount(0, text.length()), n -> text.substring(0, text.offsetByCodePoints(0, n)),
                head -> length.applyAsInt(head) <= room);
        int at = text.offsetByCodePoints(0, end);
        int space = lastSpace(text, at);
        String head = space > at / 2 ? text.substring(0, space) : text.substring(0, at);
        String kept = head.stripTrailing();
        return kept.isEmpty() ? "" : kept + ELLIPSIS;
    }

    /** The longest cut of the text that {@code fits}, or "" when none does. */
    public static String longestFitting(String text, Predicate<String> fits, ToIntFunction<String> length) {
        if (fits.test(text)) {
            return text;
        }
        int max = largest(length.applyAsInt(text), n -> cut(text, n, length), c -> !c.isEmpty() && fits.test(c));
        String best = cut(text, max, length);
        return !best.isEmpty() && fits.test(best) ? best : "";
    }

    /** The largest n in [0, upper] for which {@code ok} holds of {@code at(n)}, given that it holds up to some n and not after. */
    public static <T> int largest(int upper, IntFunction<T> at, Predicate<T> ok) {
        int lo = 0;
        int hi = upper;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ok.test(at.apply(mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int lastSpace(String text, int end) {
        for (int i = Math.min(end, text.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
