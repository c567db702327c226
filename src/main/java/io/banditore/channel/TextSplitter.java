package io.banditore.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Splits a long text into pieces that each fit a limit, measured the channel's way, cutting where a reader would
 * pause: between paragraphs, then lines, then sentences, then words, and only as a last resort inside a word.
 */
public final class TextSplitter {

    private static final List<Pattern> BOUNDARIES = List.of(
            Pattern.compile("(?<=\\n\\n)"),
            Pattern.compile("(?<=\\n)"),
            Pattern.compile("(?<=[.!?;:])\\s+"),
            Pattern.compile("(?<=\\s)"));
    /** Code points over which a measure may fall as text is added: more than a link's host or an emoji sequence needs. */
    private static final int LOOK_AHEAD = 48;

    private TextSplitter() {
    }

    public static List<String> split(String text, int limit, ToIntFunction<String> length) {
        List<String> units = new ArrayList<>();
        units(text, limit, length, 0, units);
        // Greedy: each piece takes as many whole units as fit. A paragraph that fits is never broken; one that does
        // not was cut into sentences (or lines, or words), and those fill what room the piece before has left.
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String unit : units) {
            String candidate = join(current, unit);
            if (length.applyAsInt(candidate.strip()) <= limit) {
                current.setLength(0);
                current.append(candidate);
            } else {
                pieces.add(current.toString());
                current.setLength(0);
                current.append(unit);
            }
        }
        pieces.add(current.toString());
        return pieces.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** The text as units that each fit, cut at the coarsest boundary that makes them fit. */
    private static void units(String text, int limit, ToIntFunction<String> length, int level, List<String> out) {
        if (length.applyAsInt(text.strip()) <= limit) {
            out.add(text);
        } else if (level == BOUNDARIES.size()) {
            out.addAll(hardCut(text, limit, length));
        } else {
            for (String unit : BOUNDARIES.get(level).split(text)) {
                units(unit, limit, length, level + 1, out);
            }
        }
    }

    /** Sentences split at their spaces lose them: put one back between two that would otherwise touch. */
    private static String join(CharSequence current, String next) {
        boolean touching = current.length() > 0 && !Character.isWhitespace(current.charAt(current.length() - 1))
                && !next.isEmpty() && !Character.isWhitespace(next.charAt(0));
        return current + (touching ? " " : "") + next;
    }

    /**
     * Cuts a text with no boundary left into the longest runs of code points that fit, as a scan from the end would:
     * found by galloping and bisection (a logarithmic number of measures of the run, not one per code point of the
     * whole text), then by a look a few code points further, where a measure may fall as text is added (a link that
     * becomes whole counts 23, an emoji sequence that closes counts 2), and on from there.
     */
    static List<String> hardCut(String text, int limit, ToIntFunction<String> length) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end;
            if (length.applyAsInt(text.substring(start)) <= limit) {
                end = text.length();
            } else {
                int fits = longestFitting(text, start, limit, length);
                end = text.offsetByCodePoints(start, Math.max(fits, 1));
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** The largest number of code points from {@code start}, fewer than the rest of the text, whose run fits; 0 when none does. */
    private static int longestFitting(String text, int start, int limit, ToIntFunction<String> length) {
        int total = text.codePointCount(start, text.length());
        int lo = 0;
        while (true) {
            // Gallop until a run does not fit (the whole rest does not), then bisect between.
            int hi = total;
            for (int step = 1; lo + step < total; step <<= 1) {
                if (!fits(text, start, lo + step, limit, length)) {
                    hi = lo + step;
                    break;
                }
                lo += step;
            }
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (fits(text, start, mid, limit, length)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            int further = -1;
            for (int k = Math.min(total - 1, hi + LOOK_AHEAD); k > hi; k--) {
                if (fits(text, start, k, limit, length)) {
                    further = k;
                    break;
                }
            }
            if (further < 0) {
                return lo;
            }
            lo = further;
        }
    }

    private static boolean fits(String text, int start, int codePoints, int limit, ToIntFunction<String> length) {
        return length.applyAsInt(text.substring(start, text.offsetByCodePoints(start, codePoints))) <= limit;
    }
}
