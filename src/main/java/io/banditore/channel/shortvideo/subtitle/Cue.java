package io.banditore.channel.shortvideo.subtitle;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One subtitle: its number, when it shows and hides (milliseconds from the start), and its one or two lines. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Cue(int index, long startMs, long endMs, List<String> lines) {

    public Cue {
        lines = List.copyOf(lines);
    }

    /** The lines as one phrase, as it is spoken. */
    @JsonIgnore
    public String text() {
        return String.join(" ", lines);
    }

    /** Characters a viewer reads, spaces included (the usual way reading speed is counted). */
    @JsonIgnore
    public int characters() {
        return TextMeasure.characters(text());
    }

    @JsonIgnore
    public long durationMs() {
        return endMs - startMs;
    }

    @JsonIgnore
    public double charactersPerSecond() {
        return characters() * 1000.0 / durationMs();
    }
}
