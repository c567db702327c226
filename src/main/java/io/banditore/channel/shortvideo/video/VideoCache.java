package io.banditore.channel.shortvideo.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.quarkus.scheduler.Scheduled;

/**
 * The rendered videos on disk: one folder per video, named by a hash of its content and of everything that changes
 * how it is rendered, holding the video and, for a video made without a voice, a note saying why. A render works in
 * a folder of its own and is moved into place only when complete, so a video found here is always whole, and two
 * replicas sharing the folder keep whichever finished first (the same video). Folders older than the retention go.
 */
@ApplicationScoped
public class VideoCache {

    private static final Logger LOG = Logger.getLogger(VideoCache.class);
    /** The video's file name in its folder; ffmpeg writes it there. */
    public static final String VIDEO = "video.mp4";
    /** Written beside a video rendered without a voice, saying why. */
    private static final String NOTE = "note.txt";

    private final ShortVideoConfig.Video config;
    private final Path workDir;

    public VideoCache(ShortVideoConfig config) {
        this.config = config.video();
        this.workDir = Path.of(this.config.workDir());
    }

    /** The folder every video, and every render under way, lives in. */
    public Path workDir() throws IOException {
        return Files.createDirectories(workDir);
    }

    /** The folder name: a hash of the video's content and everything that changes how it is rendered. */
    public String key(CaptionPackage pkg) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(pkg.alertId() == null ? "" : pkg.alertId(), pkg.target(), pkg.language(), pkg.contentHash(),
                    config.preset(), Integer.toString(config.crf()), Integer.toString(config.fps()), Integer.toString(config.voiceRate()))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The package's video when it was rendered before (here, or by a replica sharing the folder). */
    public Optional<VideoResult.Rendered> find(String key, CaptionPackage pkg) {
        Path file = workDir.resolve(key).resolve(VIDEO);
        try {
            if (Files.isRegularFile(file)) {
                Path note = workDir.resolve(key).resolve(NOTE);
                boolean voiced = !Files.exists(note);
                return Optional.of(new VideoResult.Rendered(file, Files.size(file), pkg.durationMs(), voiced, voiced ? null : Files.readString(note)));
            }
        } catch (IOException e) {
            LOG.debugf("Video %s unreadable: %s", key, e);
        }
        return Optional.empty();
    }

    /** A new folder to render this video in, away from the videos already kept. */
    public Path workFolder(String key) throws IOException {
        return Files.createTempDirectory(workDir(), key + ".tmp-");
    }

    /**
     * Keeps the video the render wrote in {@code folder} ({@link #VIDEO}), with the note when it has no voice; the
     * render's other files (texts, utterances, logs) go. The folder is moved into place whole.
     */
    public VideoResult.Rendered keep(Path folder, String key, CaptionPackage pkg, boolean voiced, String note) throws IOException {
        if (note != null) {
            Files.writeString(folder.resolve(NOTE), note, StandardCharsets.UTF_8);
        }
        keepOnly(folder, VIDEO, NOTE);
        Path target = workDir.resolve(key);
        try {
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException raced) {
            // Another render (here, or a replica sharing the folder) finished first: its video is the same. Linux
            // says so with a plain FileSystemException ("Directory not empty"), so the video in place decides.
            if (!Files.isRegularFile(target.resolve(VIDEO))) {
                throw raced;
            }
            delete(folder);
        }
        Path file = target.resolve(VIDEO);
        return new VideoResult.Rendered(file, Files.size(file), pkg.durationMs(), voiced, note);
    }

    /** Removes a render's folder that is not kept (it failed, or was interrupted). */
    public void discard(Path folder) {
        delete(folder);
    }

    /** Deletes rendered videos older than the retention. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        Instant before = Instant.now().minus(config.retention());
        try (var dirs = Files.list(workDir)) {
            dirs.filter(d -> {
                try {
                    return Files.getLastModifiedTime(d).toInstant().isBefore(before);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(VideoCache::delete);
        } catch (IOException e) {
            LOG.debugf("Video folder not swept: %s", e);
        }
    }

    private static void keepOnly(Path dir, String... names) throws IOException {
        List<String> keep = List.of(names);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Not deleted: %s (%s)", dir, e);
        }
    }
}
