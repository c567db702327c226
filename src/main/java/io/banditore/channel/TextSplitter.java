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
            hardCut(text, limit, length, out);
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

    private static void hardCut(String text, int limit, ToIntFunction<String> length, List<String> out) {
        int start = 0;
        while (start < text.length()) {
            int end = text.length();
            while (end > start && length.applyAsInt(text.substring(start, end)) > limit) {
                end = text.offsetByCodePoints(end, -1);
            }
            if (end == start) {
                end = text.offsetByCodePoints(start, 1);
            }
            out.add(text.substring(start, end));
            start = end;
        }
    }
}
