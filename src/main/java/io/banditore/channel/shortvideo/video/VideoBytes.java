package io.banditore.channel.shortvideo.video;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A byte range of a rendered video, as an upload sends it (a TikTok chunk, the rest of a YouTube upload). */
public final class VideoBytes {

    private VideoBytes() {
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public static byte[] range(Path file, long first, long last) {
        long length = last - first + 1;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many bytes to send at once: " + length);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) length];
            in.seek(first);
            in.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
