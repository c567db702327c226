package io.banditore.channel.shortvideo.subtitle;

/**
 * The limits every subtitle keeps, as broadcasters' guidelines set them: lines, characters per line, reading speed,
 * how long a cue may stay, and the time grid cues are placed on (the video's subtitles change only on that grid).
 *
 * @param readingCharactersPerSecond the pace cues are timed at; at most {@code maxCharactersPerSecond}
 */
public record SubtitleRules(int maxLineCharacters, int maxLines, double maxCharactersPerSecond, double readingCharactersPerSecond,
        long minCueMs, long maxCueMs, long gapMs, long leadInMs, long tailMs, long quantumMs) {

    public static final int MAX_LINE_CHARACTERS = 42;
    public static final int MAX_LINES = 2;
    public static final double MAX_CHARACTERS_PER_SECOND = 17;
    /** Five sixths of a second, the shortest a cue may stay. */
    public static final double MIN_CUE_SECONDS = 5.0 / 6.0;
    public static final double MAX_CUE_SECONDS = 7;

    public SubtitleRules {
        if (readingCharactersPerSecond <= 0 || readingCharactersPerSecond > maxCharactersPerSecond) {
            throw new IllegalArgumentException("the reading pace must be above 0 and at most " + maxCharactersPerSecond + " characters per second");
        }
        if (quantumMs <= 0 || minCueMs > maxCueMs) {
            throw new IllegalArgumentException("cue durations must be a positive grid and minimum <= maximum");
        }
    }

    /** The standard limits, cues timed at this pace, on a grid of {@code quantumMs}. */
    public static SubtitleRules standard(double readingCharactersPerSecond, long quantumMs) {
        return new SubtitleRules(MAX_LINE_CHARACTERS, MAX_LINES, MAX_CHARACTERS_PER_SECOND, readingCharactersPerSecond,
                onGrid(MIN_CUE_SECONDS * 1000, quantumMs), (long) (MAX_CUE_SECONDS * 1000) / quantumMs * quantumMs,
                quantumMs, onGrid(500, quantumMs), onGrid(1000, quantumMs), quantumMs);
    }

    /** The first point of the grid at or after {@code ms}. */
    public static long onGrid(double ms, long quantumMs) {
        return (long) Math.ceil(ms / quantumMs - 1e-9) * quantumMs;
    }

    /** The most characters one cue may hold: its lines, and what can be read in the longest cue. */
    public int maxCueCharacters() {
        int byLines = maxLines * maxLineCharacters + (maxLines - 1);
        int byTime = (int) Math.floor(readingCharactersPerSecond * maxCueMs / 1000.0);
        return Math.min(byLines, byTime);
    }
}
