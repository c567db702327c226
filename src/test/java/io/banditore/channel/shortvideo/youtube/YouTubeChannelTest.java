package io.banditore.channel.shortvideo.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a Short's description and title become: YouTube's own limits and refusals, met before the upload. */
class YouTubeChannelTest {

    @Test
    void theDescriptionIsTheFullCaptionAndShortsOnce() {
        assertThat(YouTubeChannel.description("Allerta gialla\n\n#Verona")).isEqualTo("Allerta gialla\n\n#Verona\n\n#Shorts");
        assertThat(YouTubeChannel.description("Allerta gialla #Shorts")).isEqualTo("Allerta gialla #Shorts");
    }

    @Test
    void aDescriptionOverFiveThousandBytesIsShortenedAndKeepsShorts() {
        String description = YouTubeChannel.description("è".repeat(3_000));

        assertThat(description.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(5_000);
        assertThat(description).startsWith("è").endsWith("\n\n#Shorts");
    }

    @Test
    void angleBracketsWhichYouTubeRefusesBecomeLookAlikeQuotes() {
        assertThat(YouTubeChannel.youtubeText("Zona: Chivasso <& dintorni>")).isEqualTo("Zona: Chivasso ‹& dintorni›");
    }
}
