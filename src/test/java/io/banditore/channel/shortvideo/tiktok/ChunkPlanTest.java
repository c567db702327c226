package io.banditore.channel.shortvideo.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TikTok's chunk rules (media transfer guide): 5 to 64 MB chunks, count rounded down, the last one takes the rest. */
class ChunkPlanTest {

    @ParameterizedTest(name = "{0} bytes in chunks of {1}: {2} chunk(s) of {3}")
    @CsvSource({
            // Under 5 MB: whole, as one chunk of its own size.
            "1,            10000000, 1, 1",
            "2450000,      10000000, 1, 2450000",
            "4999999,      5000000,  1, 4999999",
            // Up to one chunk: whole.
            "10000000,     10000000, 1, 10000000",
            // Rounded down: 19.9 MB in chunks of 10 MB is one chunk... of 19.9 MB, within the last chunk's 128 MB.
            "19999999,     10000000, 1, 10000000",
            "21000000,     10000000, 2, 10000000",
            "300000000,    64000000, 4, 64000000" })
    void chunksAsTikTokWantsThem(long size, long preferred, int count, long chunkSize) {
        ChunkPlan plan = ChunkPlan.of(size, preferred);
        assertThat(plan.chunkCount()).isEqualTo(count);
        assertThat(plan.chunkSize()).isEqualTo(chunkSize);
        assertThat(plan.videoSize()).isEqualTo(size);
        // Contiguous, in order, covering every byte once; every chunk but the last exactly chunk_size.
        long next = 0;
        for (int i = 0; i < plan.chunkCount(); i++) {
            assertThat(plan.first(i)).isEqualTo(next);
            long length = plan.last(i) - plan.first(i) + 1;
            if (i < plan.chunkCount() - 1) {
                assertThat(length).isEqualTo(plan.chunkSize()).isBetween(ChunkPlan.MIN_CHUNK, ChunkPlan.MAX_CHUNK);
            } else {
                assertThat(length).isLessThanOrEqualTo(ChunkPlan.MAX_LAST_CHUNK);
            }
            next = plan.last(i) + 1;
        }
        assertThat(next).isEqualTo(size);
    }

    @Test
    void contentRangesNameTheBytesAndTheTotal() {
        ChunkPlan plan = ChunkPlan.of(21_000_000, 10_000_000);
        assertThat(plan.contentRange(0)).isEqualTo("bytes 0-9999999/21000000");
        assertThat(plan.contentRange(1)).isEqualTo("bytes 10000000-20999999/21000000");
        assertThat(ChunkPlan.of(30_567_100, 10_000_000).contentRange(2)).isEqualTo("bytes 20000000-30567099/30567100");
    }

    @Test
    void chunkSizesOutsideTikToksRulesAreRefused() {
        assertThatThrownBy(() -> ChunkPlan.of(1000, 4_999_999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkPlan.of(1000, 64_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkPlan.of(0, 10_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkPlan.of(5_000_000_001L * 2, 5_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
