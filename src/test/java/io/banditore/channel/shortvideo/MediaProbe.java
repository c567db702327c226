package io.banditore.channel.shortvideo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ffprobe and ffmpeg as a viewer's player would read a file: streams, packets, decoded frames. They are installed by
 * `make test` (and .ci/run); a test that needs them fails, never skips, when they are missing.
 */
public final class MediaProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaProbe() {
    }

    /** ffprobe's JSON for a file: format, streams, and packets of the stream selected (e.g. "s:0"), or none. */
    public static JsonNode probe(Path file, String packetsOf) {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams"));
        if (packetsOf != null) {
            cmd.addAll(List.of("-show_packets", "-select_streams", packetsOf));
        }
        cmd.add(file.toString());
        Output out = run(cmd);
        if (out.exit() != 0 || !out.errors().isBlank()) {
            throw new AssertionError("ffprobe could not read " + file + ": " + out.errors());
        }
        try {
            return JSON.readTree(out.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ffmpeg run on these arguments; its exit code, standard output (raw) and error output. */
    public static Output ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** One decoded frame at {@code seconds}, cropped, as RGB bytes (3 a pixel, row by row). */
    public static byte[] frame(Path video, double seconds, int x, int y, int width, int height) {
        Output out = ffmpeg("-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds), "-i", video.toString(), "-frames:v", "1",
                "-vf", "crop=" + width + ":" + height + ":" + x + ":" + y, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        if (out.exit() != 0 || out.raw().length != width * height * 3) {
            throw new AssertionError("no frame at " + seconds + " s of " + video + ": " + out.errors());
        }
        return out.raw();
    }

    public record Output(int exit, byte[] raw, String errors) {
        public String stdout() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    private static Output run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd.get(0) + " did not finish within 120 s");
            }
            return new Output(p.exitValue(), stdout.join(), new String(stderr.join(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new AssertionError(cmd.get(0) + " is not installed (make test installs ffmpeg and espeak-ng): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
