package io.banditore.channel.shortvideo.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.shortvideo.MediaProbe;
import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.ShortVideoFixtures;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.channel.shortvideo.subtitle.Cue;
import io.banditore.support.Samples;

/**
 * The rendered video as a player sees it: 1080x1920 H.264 with AAC under 60 s, the card in its colour, the test
 * label on it, subtitles burnt in while each cue lasts and in a soft track with the cues' times, and a voice.
 */
class VideoRendererTest {

    @TempDir
    static Path work;

    private static CaptionPackage pkg;
    private static VideoResult.Rendered video;
    private static long renderMs;

    @BeforeAll
    static void renderOnce() throws Exception {
        ShortVideoConfig config = config(Map.of());
        pkg = new CaptionRenderer(config, Samples.wording()).packages("alert-video", Samples.request(ShortVideoFixtures.alert("chivasso-rain-actual.json",
                a -> a.put("status", "Test")), ShortVideoFixtures.town("chivasso"))).get(0);
        long started = System.nanoTime();
        VideoResult result = new VideoRenderer(config).video(pkg).toCompletableFuture().get();
        renderMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(result).isInstanceOf(VideoResult.Rendered.class);
        video = (VideoResult.Rendered) result;
        System.out.printf("Rendered a %d ms video (%d bytes) in %d ms%n", pkg.durationMs(), video.bytes(), renderMs);
    }

    @Test
    void aVerticalH264VideoWithAacAndSubtitlesUnderAMinute() {
        JsonNode probe = MediaProbe.probe(video.file(), null);
        JsonNode streams = probe.path("streams");
        assertThat(streams).hasSize(3);
        JsonNode v = stream(streams, "video");
        assertThat(v.path("codec_name").asText()).isEqualTo("h264");
        assertThat(v.path("width").asInt()).isEqualTo(1080);
        assertThat(v.path("height").asInt()).isEqualTo(1920);
        assertThat(v.path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(v.path("avg_frame_rate").asText()).isEqualTo("25/1");
        JsonNode a = stream(streams, "audio");
        assertThat(a.path("codec_name").asText()).isEqualTo("aac");
        assertThat(a.path("tags").path("language").asText()).isEqualTo("ita");
        JsonNode s = stream(streams, "subtitle");
        assertThat(s.path("codec_name").asText()).isEqualTo("mov_text");
        assertThat(s.path("tags").path("language").asText()).isEqualTo("ita");

        double seconds = probe.path("format").path("duration").asDouble();
        assertThat(seconds).isLessThan(60).isCloseTo(pkg.durationMs() / 1000.0, org.assertj.core.api.Assertions.within(0.1));
        assertThat(probe.path("format").path("size").asLong()).isEqualTo(video.bytes());
        assertThat(video.voiced()).isTrue();
        assertThat(video.note()).isNull();
    }

    @Test
    void theSoftSubtitlesHaveTheCuesTimesAndWords() {
        // MP4 timed text fills the gaps between cues with empty samples (2 bytes: a zero text length).
        var packets = new java.util.ArrayList<JsonNode>();
        MediaProbe.probe(video.file(), "s:0").path("packets").forEach(p -> {
            if (p.path("size").asInt() > 2) {
                packets.add(p);
            }
        });
        assertThat(packets).hasSize(pkg.cues().size());
        for (int i = 0; i < packets.size(); i++) {
            Cue cue = pkg.cues().get(i);
            assertThat(Math.round(packets.get(i).path("pts_time").asDouble() * 1000)).as("start of cue %d", cue.index()).isEqualTo(cue.startMs());
            assertThat(Math.round(packets.get(i).path("duration_time").asDouble() * 1000)).as("length of cue %d", cue.index()).isEqualTo(cue.durationMs());
        }
        MediaProbe.Output srt = MediaProbe.ffmpeg("-i", video.file().toString(), "-map", "0:s:0", "-f", "srt", "-");
        assertThat(srt.exit()).as(srt.errors()).isZero();
        pkg.cues().forEach(c -> c.lines().forEach(l -> assertThat(srt.stdout()).contains(l)));
    }

    @Test
    void theCardIsInItsColourAndTheSubtitlesAreBurntInOnlyWhileACueLasts() {
        // The card's background: a test is on the neutral colour, whatever its severity.
        byte[] corner = MediaProbe.frame(video.file(), 1.0, 4, 960, 8, 8);
        assertThat(rgb(corner)).satisfies(c -> assertThat(distance(c, hex(CardStyle.PRACTICE))).isLessThan(24));

        // The subtitle band: black box pixels while a cue shows, only background in the pause after the last one.
        Cue cue = pkg.cues().get(1);
        byte[] during = MediaProbe.frame(video.file(), (cue.startMs() + cue.endMs()) / 2000.0, 0, 1260, 1080, 200);
        byte[] after = MediaProbe.frame(video.file(), (pkg.cues().get(pkg.cues().size() - 1).endMs() + pkg.durationMs()) / 2000.0, 0, 1260, 1080, 200);
        assertThat(dark(during)).isGreaterThan(5000);
        assertThat(dark(after)).isZero();

        // The test label's white box is on the card the whole time.
        byte[] label = MediaProbe.frame(video.file(), 0.2, 0, 380, 1080, 140);
        assertThat(white(label)).isGreaterThan(20_000);
    }

    @Test
    void theVoiceSpeaksDuringTheCuesAndIsSilentBeforeTheFirst() {
        // The first cue starts at 0.5 s: before it, silence; over the whole video, a voice at a useful level.
        assertThat(maxVolume(video.file(), "0.4")).isLessThan(-60.0);
        assertThat(maxVolume(video.file(), null)).isGreaterThan(-20.0);
    }

    @Test
    void aVideoIsRenderedOnceAndThenServedFromDisk() throws Exception {
        FileTime written = Files.getLastModifiedTime(video.file());
        long started = System.nanoTime();
        VideoResult again = new VideoRenderer(config(Map.of())).video(pkg).toCompletableFuture().get();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(again).isInstanceOf(VideoResult.Rendered.class);
        assertThat(((VideoResult.Rendered) again).file()).isEqualTo(video.file());
        assertThat(Files.getLastModifiedTime(video.file())).isEqualTo(written);
        assertThat(ms).isLessThan(Math.max(500, renderMs / 4));
        // Only the video stays: texts, utterances and logs of the render are gone.
        try (var files = Files.list(video.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("video.mp4");
        }
    }

    @Test
    void withoutFfmpegThereIsNoVideoAndItSaysWhy() throws Exception {
        VideoResult none = new VideoRenderer(config(Map.of("video.ffmpeg", "/nonexistent/ffmpeg", "video.work-dir", work.resolve("none").toString())))
                .video(pkg).toCompletableFuture().get();
        assertThat(none).isEqualTo(new VideoResult.NotRendered("no video rendered: /nonexistent/ffmpeg is not installed on this host", true));
    }

    @Test
    void withoutEspeakTheVideoIsSilentAndSaysWhy() throws Exception {
        ShortVideoConfig config = config(Map.of("video.espeak", "/nonexistent/espeak-ng", "video.work-dir", work.resolve("mute").toString()));
        CaptionPackage shortOne = new CaptionRenderer(config, Samples.wording()).packages("alert-mute", Samples.request(
                ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> {
                    var info = (com.fasterxml.jackson.databind.node.ObjectNode) a.path("info").get(0);
                    info.remove("description");
                    info.remove("instruction");
                    return a;
                }), ShortVideoFixtures.town("chivasso"))).get(0);
        VideoResult result = new VideoRenderer(config).video(shortOne).toCompletableFuture().get();
        assertThat(result).isInstanceOf(VideoResult.Rendered.class);
        VideoResult.Rendered mute = (VideoResult.Rendered) result;
        assertThat(mute.voiced()).isFalse();
        assertThat(mute.note()).isEqualTo("no voice: /nonexistent/espeak-ng is not installed");
        assertThat(stream(MediaProbe.probe(mute.file(), null).path("streams"), "audio").path("codec_name").asText()).isEqualTo("aac");
        assertThat(maxVolume(mute.file(), null)).isLessThan(-60.0);
    }

    /** volumedetect's max_volume in dB (it reports at info level, so ffmpeg runs at that level here). */
    private static double maxVolume(Path file, String firstSeconds) {
        var args = new java.util.ArrayList<String>();
        if (firstSeconds != null) {
            args.addAll(java.util.List.of("-t", firstSeconds));
        }
        args.addAll(java.util.List.of("-i", file.toString(), "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"));
        try {
            var cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "info"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            var m = java.util.regex.Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static ShortVideoConfig config(Map<String, String> more) {
        var all = new java.util.HashMap<>(Map.of("video.work-dir", work.resolve("videos").toString(), "video.preset", "ultrafast"));
        all.putAll(more);
        return ShortVideoFixtures.config(all);
    }

    private static JsonNode stream(JsonNode streams, String type) {
        for (JsonNode s : streams) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream in " + streams);
    }

    private static int[] rgb(byte[] pixels) {
        long r = 0, g = 0, b = 0;
        int n = pixels.length / 3;
        for (int i = 0; i < pixels.length; i += 3) {
            r += pixels[i] & 0xFF;
            g += pixels[i + 1] & 0xFF;
            b += pixels[i + 2] & 0xFF;
        }
        return new int[] { (int) (r / n), (int) (g / n), (int) (b / n) };
    }

    private static int[] hex(String colour) {
        int v = Integer.parseInt(colour.substring(1), 16);
        return new int[] { v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF };
    }

    private static double distance(int[] a, int[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    private static int dark(byte[] pixels) {
        int n = 0;
        for (int i = 0; i < pixels.length; i += 3) {
            if ((pixels[i] & 0xFF) < 24 && (pixels[i + 1] & 0xFF) < 24 && (pixels[i + 2] & 0xFF) < 24) {
                n++;
            }
        }
        return n;
    }

    private static int white(byte[] pixels) {
        int n = 0;
        for (int i = 0; i < pixels.length; i += 3) {
            if ((pixels[i] & 0xFF) > 232 && (pixels[i + 1] & 0xFF) > 232 && (pixels[i + 2] & 0xFF) > 232) {
                n++;
            }
        }
        return n;
    }
}
