package io.banditore.channel.shortvideo.subtitle;

import java.util.List;

/**
 * Cues written as SubRip (SRT) and WebVTT. Text that either format would read as markup or as a timing line is
 * made plain: WebVTT's &amp;, &lt; and &gt; are escaped, and an arrow "-->" inside a line is written as "→".
 */
public final class SubtitleFormats {

    public static final String SRT_MEDIA_TYPE = "application/x-subrip";
    public static final String WEBVTT_MEDIA_TYPE = "text/vtt";

    private SubtitleFormats() {
    }

    public static String srt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        for (Cue cue : cues) {
            out.append(cue.index()).append('\n')
                    .append(time(cue.startMs(), ',')).append(" --> ").append(time(cue.endMs(), ',')).append('\n');
            // SRT has no escapes; players read <i>, <b> and <font> as markup, so angle brackets are shown as such.
            cue.lines().forEach(l -> out.append(plain(l).replace('<', '‹').replace('>', '›')).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    public static String webVtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : cues) {
            out.append(cue.index()).append('\n')
                    .append(time(cue.startMs(), '.')).append(" --> ").append(time(cue.endMs(), '.')).append('\n');
            cue.lines().forEach(l -> out.append(plain(l).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /** hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (WebVTT). */
    static String time(long ms, char separator) {
        return String.format("%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000);
    }

    /** A line as one line: no line breaks, and no arrow that a reader could take for a timing line. */
    private static String plain(String line) {
        return line.replaceAll("[\\r\\n]+", " ").replace("-->", "→");
    }
}
