package io.banditore.channel.shortvideo.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.ibm.icu.util.ULocale;

import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.subtitle.SubtitleFormats;

/**
 * Renders a package's vertical video (1080x1920, H.264 and AAC, with a soft subtitle track as well as the burnt-in
 * one) with ffmpeg and espeak-ng, run as programs with a time limit on a small pool of threads of its own (rendering
 * is CPU-heavy; the event loop never waits for it). Each video is rendered once and kept in the {@link VideoCache};
 * two requests for the same video while it renders share one render.
 */
@ApplicationScoped
public class VideoRenderer {

    private static final Logger LOG = Logger.getLogger(VideoRenderer.class);
    /** The card changes only between cues, on a 100 ms grid: it is drawn at 10 frames a second, then repeated up to the output's rate. */
    private static final int CARD_FPS = 10;

    private final ShortVideoConfig.Video config;
    private final VideoCache cache;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<VideoResult>> rendering = new ConcurrentHashMap<>();
    private volatile Boolean ffmpegFound;
    private volatile Boolean espeakFound;
    private final int threads;

    /** A renderer with a cache of its own (the tests'). */
    public VideoRenderer(ShortVideoConfig config) {
        this(config, new VideoCache(config));
    }

    @Inject
    public VideoRenderer(ShortVideoConfig config, VideoCache cache) {
        this.config = config.video();
        this.cache = cache;
        this.threads = Math.max(1, this.config.threads().orElse(Runtime.getRuntime().availableProcessors() - 1));
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, this.config.concurrency()), r -> {
            Thread t = new Thread(r, "video-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** The package's video: from disk when it was rendered before, else rendered now. */
    public CompletionStage<VideoResult> video(CaptionPackage pkg) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(new VideoResult.NotRendered("no video rendered: rendering is turned off", true));
        }
        String key = cache.key(pkg);
        Optional<VideoResult.Rendered> done = cache.find(key, pkg);
        if (done.isPresent()) {
            return CompletableFuture.completedFuture(done.get());
        }
        CompletableFuture<VideoResult> mine = new CompletableFuture<>();
        CompletableFuture<VideoResult> theirs = rendering.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs;
        }
        pool.execute(() -> {
            try {
                mine.complete(render(key, pkg));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                rendering.remove(key, mine);
            }
        });
        return mine;
    }

    private VideoResult render(String key, CaptionPackage pkg) {
        Optional<VideoResult.Rendered> done = cache.find(key, pkg);
        if (done.isPresent()) {
            return done.get();
        }
        if (!ffmpegFound()) {
            return new VideoResult.NotRendered("no video rendered: " + config.ffmpeg() + " is not installed on this host", true);
        }
        Instant started = Instant.now();
        Path tmp = null;
        try {
            tmp = cache.workFolder(key);
            boolean voiced = espeakFound();
            String note = null;
            String language = iso639_2(pkg.language());
            if (voiced) {
                try {
                    new SpeechTrack(config.espeak(), config.voiceRate(), config.timeout())
                            .write(pkg.cues(), pkg.durationMs(), SpeechTrack.voiceFor(pkg.language()), tmp, tmp.resolve("voice.wav"));
                } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
                    LOG.warnf("No voice for %s/%s: %s", pkg.alertId(), pkg.target(), e.getMessage());
                    voiced = false;
                    note = "no voice: " + e.getMessage();
                }
            } else {
                note = "no voice: " + config.espeak() + " is not installed";
            }
            Files.writeString(tmp.resolve("card.ass"), CardScript.write(pkg.card(), pkg.cues(), pkg.durationMs()), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("subtitles.srt"), SubtitleFormats.srt(pkg.cues()), StandardCharsets.UTF_8);
            var result = ExternalCommand.run(ffmpeg(pkg, voiced, language), tmp, config.timeout(), "ffmpeg");
            if (!result.ok()) {
                return new VideoResult.NotRendered("no video rendered: ffmpeg failed (" + result.exitCode() + "): " + result.output(), false);
            }
            VideoResult.Rendered kept = cache.keep(tmp, key, pkg, voiced, note);
            tmp = null;
            Duration took = Duration.between(started, Instant.now());
            LOG.infof("Rendered the video of %s for %s (%s, %d ms, %d bytes) in %d ms", pkg.alertId(), pkg.target(), pkg.language(),
                    pkg.durationMs(), kept.bytes(), took.toMillis());
            return kept;
        } catch (IOException e) {
            LOG.warnf(e, "The video of %s for %s was not rendered", pkg.alertId(), pkg.target());
            return new VideoResult.NotRendered("no video rendered: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VideoResult.NotRendered("no video rendered: interrupted", false);
        } finally {
            if (tmp != null) {
                cache.discard(tmp);
            }
        }
    }

    /** The ffmpeg command: a plain background, the card and subtitles drawn by libass, the voice (or silence), a soft subtitle track. */
    private List<String> ffmpeg(CaptionPackage pkg, boolean voiced, String language) {
        String seconds = String.format(Locale.ROOT, "%.3f", pkg.durationMs() / 1000.0);
        String background = pkg.card().background().substring(1);
        List<String> cmd = new ArrayList<>(List.of(config.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "color=c=0x" + background + ":s=" + CardScript.WIDTH + "x" + CardScript.HEIGHT + ":r=" + CARD_FPS + ":d=" + seconds));
        if (voiced) {
            cmd.addAll(List.of("-i", "voice.wav"));
        } else {
            cmd.addAll(List.of("-f", "lavfi", "-t", seconds, "-i", "anullsrc=r=44100:cl=stereo"));
        }
        cmd.addAll(List.of("-i", "subtitles.srt",
                "-map", "0:v", "-map", "1:a", "-map", "2:s",
                "-filter_threads", Integer.toString(threads), "-threads", Integer.toString(threads),
                // Relative names: the files are in the working directory, so no path needs escaping in the filter.
                "-vf", "ass=card.ass,fps=" + config.fps() + ",format=yuv420p",
                "-c:v", "libx264", "-preset", config.preset(), "-tune", "stillimage", "-crf", Integer.toString(config.crf()),
                "-profile:v", "high", "-r", Integer.toString(config.fps()), "-g", Integer.toString(config.fps() * 2),
                "-c:a", "aac", "-b:a", "96k", "-ar", "44100", "-ac", "2",
                "-c:s", "mov_text",
                "-metadata:s:v:0", "language=" + language, "-metadata:s:a:0", "language=" + language,
                "-metadata:s:s:0", "language=" + language,
                "-metadata", "title=" + CardScript.plain(pkg.card().headline()),
                "-t", seconds, "-movflags", "+faststart", VideoCache.VIDEO));
        return cmd;
    }

    public boolean ffmpegFound() {
        if (!Boolean.TRUE.equals(ffmpegFound)) {
            ffmpegFound = runs(config.ffmpeg(), "-version");
        }
        return ffmpegFound;
    }

    public boolean espeakFound() {
        if (!Boolean.TRUE.equals(espeakFound)) {
            espeakFound = runs(config.espeak(), "--version");
        }
        return espeakFound;
    }

    private boolean runs(String program, String versionFlag) {
        try {
            return ExternalCommand.run(List.of(program, versionFlag), cache.workDir(), Duration.ofSeconds(20), "version").ok();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** ISO 639-2 code of a language tag, as MP4 tracks carry it ("it-IT" is "ita"). */
    static String iso639_2(String language) {
        try {
            String three = ULocale.forLanguageTag(language).getISO3Language();
            return three == null || three.isEmpty() ? "und" : three;
        } catch (RuntimeException e) {
            return "und";
        }
    }
}
