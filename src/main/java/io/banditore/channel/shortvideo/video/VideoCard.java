package io.banditore.channel.shortvideo.video;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the video's card shows, besides the subtitles: the town, a test's label, the kind and level of the alert, its
 * headline, area, validity and source, on a background of the alert's colour with text that contrasts with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoCard(String background, String foreground, String town, String practiceLabel, String level, String headline,
        String area, String validity, String source) {
}
