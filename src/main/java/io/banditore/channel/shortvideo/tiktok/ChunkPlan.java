package io.banditore.channel.shortvideo.tiktok;

/**
 * How a video is cut for TikTok's FILE_UPLOAD (media transfer guide): chunks of {@code chunkSize} bytes, as many as
 * fit whole in the video (rounded down), the last one taking the trailing bytes; a video smaller than one chunk,
 * which includes any under 5 MB, goes whole as a single chunk. Each chunk but a video's only one is 5 MB to 64 MB,
 * the last at most 128 MB, and there are 1 to 1000.
 */
public record ChunkPlan(long videoSize, long chunkSize, int chunkCount) {

    public static final long MIN_CHUNK = 5_000_000;
    public static final long MAX_CHUNK = 64_000_000;
    public static final long MAX_LAST_CHUNK = 128_000_000;
    public static final int MAX_CHUNKS = 1000;

    public static ChunkPlan of(long videoSize, long preferredChunkSize) {
        if (videoSize <= 0) {
            throw new IllegalArgumentException("an empty video cannot be uploaded");
        }
        if (preferredChunkSize < MIN_CHUNK || preferredChunkSize > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK + " and " + MAX_CHUNK + " bytes");
        }
        if (videoSize <= preferredChunkSize) {
            return new ChunkPlan(videoSize, videoSize, 1);
        }
        long count = videoSize / preferredChunkSize;
        if (count > MAX_CHUNKS) {
            throw new IllegalArgumentException("a video of " + videoSize + " bytes needs more than " + MAX_CHUNKS + " chunks");
        }
        return new ChunkPlan(videoSize, preferredChunkSize, (int) count);
    }

    /** Offset of the first byte of chunk {@code i} (from 0). */
    public long first(int i) {
        return i * chunkSize;
    }

    /** Offset of the last byte of chunk {@code i}: the last chunk runs to the end of the video. */
    public long last(int i) {
        return i == chunkCount - 1 ? videoSize - 1 : first(i) + chunkSize - 1;
    }

    /** The Content-Range header of chunk {@code i}. */
    public String contentRange(int i) {
        return "bytes " + first(i) + "-" + last(i) + "/" + videoSize;
    }
}
