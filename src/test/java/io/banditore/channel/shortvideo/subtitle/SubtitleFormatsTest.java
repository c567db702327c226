package io.banditore.channel.shortvideo.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.shortvideo.MediaProbe;

/** SRT and WebVTT that ffmpeg reads back cue for cue, with the same times and the same words. */
class SubtitleFormatsTest {

    private final CueSplitter splitter = new CueSplitter(SubtitleRules.standard(14, 100));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "short.txt", "long-it.txt", "accented.txt", "emoji.txt" })
    void ffmpegReadsBothFormatsCueForCue(String name) throws IOException {
        List<Cue> cues = splitter.cues(List.of(CueSplitterTest.read(name)), "it");
        Path srt = Files.writeString(dir.resolve("subtitles.srt"), SubtitleFormats.srt(cues), StandardCharsets.UTF_8);
        Path vtt = Files.writeString(dir.resolve("subtitles.vtt"), SubtitleFormats.webVtt(cues), StandardCharsets.UTF_8);

        for (Path file : List.of(srt, vtt)) {
            JsonNode probe = MediaProbe.probe(file, "s:0");
            assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo(file.toString().endsWith(".srt") ? "subrip" : "webvtt");
            JsonNode packets = probe.path("packets");
            assertThat(packets).as("packets of %s", file).hasSize(cues.size());
            for (int i = 0; i < cues.size(); i++) {
                assertThat(Math.round(packets.get(i).path("pts_time").asDouble() * 1000)).isEqualTo(cues.get(i).startMs());
                assertThat(Math.round(packets.get(i).path("duration_time").asDouble() * 1000)).isEqualTo(cues.get(i).durationMs());
            }
            // Converted to SRT by ffmpeg, every line comes back as written.
            MediaProbe.Output back = MediaProbe.ffmpeg("-i", file.toString(), "-f", "srt", "-");
            assertThat(back.exit()).as(back.errors()).isZero();
            assertThat(back.errors()).isEmpty();
            for (Cue cue : cues) {
                for (String line : cue.lines()) {
                    assertThat(back.stdout()).contains(line);
                }
            }
        }
    }

    @Test
    void markupAndArrowsInTheTextStayText() {
        List<Cue> cues = List.of(new Cue(1, 500, 2500, List.of("Zona: A & B <dintorni>", "uscita --> nord")));
        assertThat(SubtitleFormats.webVtt(cues)).isEqualTo("""
                WEBVTT

                1
                00:00:00.500 --> 00:00:02.500
                Zona: A &amp; B &lt;dintorni&gt;
                uscita → nord

                """);
        assertThat(SubtitleFormats.srt(cues)).isEqualTo("""
                1
                00:00:00,500 --> 00:00:02,500
                Zona: A & B ‹dintorni›
                uscita → nord

                """);
    }

    @Test
    void timesPastAnHour() {
        assertThat(SubtitleFormats.time(3_723_004, ',')).isEqualTo("01:02:03,004");
    }
}
