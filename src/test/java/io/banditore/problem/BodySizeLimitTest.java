package io.banditore.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/** The Content-Length check reads any run of digits, however long, without failing. */
class BodySizeLimitTest {

    private final BodySizeLimit limit = new BodySizeLimit(new MemorySize(BigInteger.valueOf(524288)), new ObjectMapper());

    @Test
    void aLengthTooLargeForALongIsTooLargeNotAnError() {
        assertThat(limit.tooLarge("99999999999999999999999")).isTrue();
        assertThat(limit.tooLarge("9223372036854775808")).isTrue();
        assertThat(limit.tooLarge("524289")).isTrue();
    }

    @Test
    void aLengthWithinTheLimitOrNotANumberIsLeftToTheRestOfTheServer() {
        assertThat(limit.tooLarge("524288")).isFalse();
        assertThat(limit.tooLarge("0000000000000000000000001")).isFalse();
        assertThat(limit.tooLarge("+5")).isFalse();
        assertThat(limit.tooLarge(null)).isFalse();
        assertThat(limit.tooLarge("")).isFalse();
    }
}
