package io.banditore.channel.shortvideo.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.PathPart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video served whole or by one byte range, as players and TikTok's fetcher ask for it. */
class VideoResponseTest {

    @TempDir
    static Path dir;
    private static VideoResult.Rendered video;

    @BeforeAll
    static void aThousandBytes() throws IOException {
        Path file = Files.write(dir.resolve("video.mp4"), new byte[1000]);
        video = new VideoResult.Rendered(file, 1000, 12_000, true, null);
    }

    @Test
    void rangesAreReadAsRfc9110Says() {
        assertThat(VideoResponse.range("bytes=0-99", 1000)).isEqualTo(new VideoResponse.ByteRange(0, 99));
        assertThat(VideoResponse.range(" bytes=900- ", 1000)).isEqualTo(new VideoResponse.ByteRange(900, 999));
        assertThat(VideoResponse.range("bytes=-100", 1000)).isEqualTo(new VideoResponse.ByteRange(900, 999));
        assertThat(VideoResponse.range("bytes=-5000", 1000)).isEqualTo(new VideoResponse.ByteRange(0, 999));
        assertThat(VideoResponse.range("bytes=500-5000", 1000)).isEqualTo(new VideoResponse.ByteRange(500, 999));
        // Not understood, so the whole file: no header, no bounds, several ranges, another unit.
        assertThat(VideoResponse.range(null, 1000)).isNull();
        assertThat(VideoResponse.range("bytes=-", 1000)).isNull();
        assertThat(VideoResponse.range("bytes=0-1,5-9", 1000)).isNull();
        assertThat(VideoResponse.range("items=0-1", 1000)).isNull();
    }

    @Test
    void theWholeFileOrOneRangeOr416() {
        try (Response whole = VideoResponse.of(video, null, "chivasso-a.mp4")) {
            assertThat(whole.getStatus()).isEqualTo(200);
            assertThat(whole.getEntity()).isEqualTo(video.file());
            assertThat(whole.getHeaderString("Accept-Ranges")).isEqualTo("bytes");
            assertThat(whole.getHeaderString("Content-Disposition")).isEqualTo("inline; filename=\"chivasso-a.mp4\"");
            assertThat(whole.getMediaType().toString()).isEqualTo("video/mp4");
        }
        try (Response part = VideoResponse.of(video, "bytes=100-199", "chivasso-a.mp4")) {
            assertThat(part.getStatus()).isEqualTo(206);
            assertThat(part.getHeaderString("Content-Range")).isEqualTo("bytes 100-199/1000");
            PathPart entity = (PathPart) part.getEntity();
            assertThat(entity.offset).isEqualTo(100);
            assertThat(entity.count).isEqualTo(100);
        }
        try (Response beyond = VideoResponse.of(video, "bytes=1000-", "chivasso-a.mp4")) {
            assertThat(beyond.getStatus()).isEqualTo(416);
            assertThat(beyond.getHeaderString("Content-Range")).isEqualTo("bytes */1000");
        }
    }
}
