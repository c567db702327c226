package io.banditore.channel.shortvideo.caption;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.banditore.channel.shortvideo.subtitle.Cue;
import io.banditore.channel.shortvideo.video.VideoCard;

/**
 * Everything a short video needs for one alert, town and language: the post's caption and the town's handle and
 * hashtags, the spoken script and its subtitle cues, each platform's own text, and what the video's card shows.
 * Served at /api/v1/alerts/{id}/captions/{target}.json and carried by captions.v1. {@code contentHash} changes
 * whenever anything here does.
 */
// Read from Kafka by other systems: a field added later must not stop them.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptionPackage(
        String alertId,
        String identifier,
        String target,
        String town,
        String language,
        String status,
        String msgType,
        String practiceLabel,
        String caption,
        String handle,
        List<String> hashtags,
        String script,
        boolean scriptAbridged,
        List<Cue> cues,
        long durationMs,
        Variants variants,
        VideoCard card,
        String contentHash) {

    public CaptionPackage {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** The text each platform gets, within its limits. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Variants(Variant tiktok, Variant reels, Variant shorts) {
    }

    /**
     * One platform's text: the TikTok caption, the Instagram Reels caption, the YouTube Shorts title; its length in
     * UTF-16 units (never less than the platforms' own count) against the limit, and its hashtags against theirs.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variant(String text, int length, int maxLength, int hashtags, Integer maxHashtags) {
    }
}
