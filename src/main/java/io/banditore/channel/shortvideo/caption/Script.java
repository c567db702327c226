package io.banditore.channel.shortvideo.caption;

import java.util.List;

import io.banditore.channel.shortvideo.subtitle.Cue;

/**
 * What the video says, and shows as subtitles: its parts in order (a cue never spans two), their cues, and whether
 * something of the alert was left out to keep the video short (the post's text then has it all).
 */
public record Script(List<String> parts, List<Cue> cues, long durationMs, boolean abridged) {

    public Script {
        parts = List.copyOf(parts);
        cues = List.copyOf(cues);
    }

    public String text() {
        return String.join(" ", parts);
    }
}
