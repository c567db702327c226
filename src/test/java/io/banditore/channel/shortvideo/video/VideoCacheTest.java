package io.banditore.channel.shortvideo.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.ShortVideoFixtures;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.support.Samples;

/** The videos on disk: found only when whole, kept with their note and nothing else, named by what shapes them. */
class VideoCacheTest {

    @TempDir
    Path work;

    private CaptionPackage pkg(String alertId) {
        ShortVideoConfig config = config(Map.of());
        return new CaptionRenderer(config, Samples.wording()).packages(alertId,
                Samples.request(ShortVideoFixtures.alert("chivasso-rain-actual.json"), ShortVideoFixtures.town("chivasso"))).get(0);
    }

    private ShortVideoConfig config(Map<String, String> more) {
        var all = new java.util.HashMap<>(Map.of("video.work-dir", work.resolve("videos").toString()));
        all.putAll(more);
        return ShortVideoFixtures.config(all);
    }

    @Test
    void theKeyNamesTheContentAndTheRenderSettings() {
        VideoCache cache = new VideoCache(config(Map.of()));
        CaptionPackage chivasso = pkg("alert-a");
        assertThat(cache.key(chivasso)).hasSize(32).isEqualTo(new VideoCache(config(Map.of())).key(pkg("alert-a")));
        assertThat(cache.key(pkg("alert-b"))).isNotEqualTo(cache.key(chivasso));
        assertThat(new VideoCache(config(Map.of("video.crf", "30"))).key(chivasso)).isNotEqualTo(cache.key(chivasso));
    }

    @Test
    void aRenderUnderWayIsNotFoundAndAKeptOneIsWholeWithItsNoteOnly() throws Exception {
        VideoCache cache = new VideoCache(config(Map.of()));
        CaptionPackage pkg = pkg("alert-a");
        String key = cache.key(pkg);
        Path folder = cache.workFolder(key);
        Files.writeString(folder.resolve(VideoCache.VIDEO), "not yet whole", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("card.ass"), "scratch", StandardCharsets.UTF_8);
        assertThat(cache.find(key, pkg)).isEmpty();

        VideoResult.Rendered kept = cache.keep(folder, key, pkg, false, "no voice: espeak-ng is not installed");
        assertThat(folder).doesNotExist();
        assertThat(kept.file()).isEqualTo(work.resolve("videos").resolve(key).resolve(VideoCache.VIDEO));
        assertThat(kept.bytes()).isEqualTo("not yet whole".length());
        try (var files = Files.list(kept.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("video.mp4", "note.txt");
        }
        VideoResult.Rendered found = cache.find(key, pkg).orElseThrow();
        assertThat(found.file()).isEqualTo(kept.file());
        assertThat(found.voiced()).isFalse();
        assertThat(found.note()).isEqualTo("no voice: espeak-ng is not installed");
    }

    @Test
    void aSecondRenderOfTheSameVideoLeavesTheFirstInPlace() throws Exception {
        VideoCache cache = new VideoCache(config(Map.of()));
        CaptionPackage pkg = pkg("alert-a");
        String key = cache.key(pkg);
        Path first = cache.workFolder(key);
        Path second = cache.workFolder(key);
        Files.writeString(first.resolve(VideoCache.VIDEO), "first", StandardCharsets.UTF_8);
        Files.writeString(second.resolve(VideoCache.VIDEO), "second!", StandardCharsets.UTF_8);

        cache.keep(first, key, pkg, true, null);
        VideoResult.Rendered raced = cache.keep(second, key, pkg, true, null);

        assertThat(Files.readString(raced.file())).isEqualTo("first");
        assertThat(raced.voiced()).isTrue();
        assertThat(second).doesNotExist();
    }

    @Test
    void theSweepRemovesOnlyVideosOlderThanTheRetention() throws Exception {
        VideoCache cache = new VideoCache(config(Map.of("video.retention", "P1D")));
        CaptionPackage pkg = pkg("alert-a");
        Path old = cache.workFolder("old");
        Files.writeString(old.resolve(VideoCache.VIDEO), "old", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        String key = cache.key(pkg);
        Path recent = cache.workFolder(key);
        Files.writeString(recent.resolve(VideoCache.VIDEO), "recent", StandardCharsets.UTF_8);
        cache.keep(recent, key, pkg, true, null);

        cache.sweep();

        assertThat(old).doesNotExist();
        assertThat(cache.find(key, pkg)).isPresent();
    }
}
