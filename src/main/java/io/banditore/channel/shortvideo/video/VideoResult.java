package io.banditore.channel.shortvideo.video;

import java.nio.file.Path;

/** A short video, or why there is none. */
public sealed interface VideoResult {

    /** The MP4 on disk: its size in bytes, its length, and whether it has a voice (or only silence). */
    record Rendered(Path file, long bytes, long durationMs, boolean voiced, String note) implements VideoResult {
    }

    /**
     * No video. {@code permanent} when trying again cannot help (no ffmpeg on this host, rendering turned off);
     * otherwise the render failed or ran out of time and may succeed later.
     */
    record NotRendered(String reason, boolean permanent) implements VideoResult {
    }
}
