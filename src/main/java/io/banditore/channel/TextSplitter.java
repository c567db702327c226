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
        List<String> pieces = new ArrayList<>();
        split(text, limit, length, 0, pieces);
        return pieces.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static void split(String text, int limit, ToIntFunction<String> length, int level, List<String> out) {
        if (length.applyAsInt(text.strip()) <= limit) {
            out.add(text);
            return;
        }
        if (level == BOUNDARIES.size()) {
            hardCut(text, limit, length, out);
            return;
        }
        StringBuilder current = new StringBuilder();
        for (String unit : BOUNDARIES.get(level).split(text)) {
            String candidate = current + (level == 2 && current.length() > 0 ? " " : "") + unit;
            if (length.applyAsInt(candidate.strip()) <= limit) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            if (length.applyAsInt(unit.strip()) <= limit) {
                current.append(unit);
            } else {
                split(unit, limit, length, level + 1, out);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
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
