package io.banditore.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemoTest {

    @Test
    void anInputAskedAgainIsNotComputedAgainAndTheLeastRecentlyAskedGoesFirst() {
        List<String> computed = new ArrayList<>();
        Memo<String, Integer> lengths = new Memo<>(2, text -> {
            computed.add(text);
            return text.length();
        });

        assertThat(lengths.apply("uno")).isEqualTo(3);
        assertThat(lengths.apply("quattro")).isEqualTo(7);
        assertThat(lengths.apply("uno")).isEqualTo(3);
        assertThat(computed).containsExactly("uno", "quattro");

        lengths.apply("tre"); // over capacity: "quattro" was asked least recently
        lengths.apply("uno");
        lengths.apply("quattro");
        assertThat(computed).containsExactly("uno", "quattro", "tre", "quattro");
    }
}
