package io.banditore.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A short-video dispatcher never runs in production with a signing key of its own. */
class SigningKeyCheckTest {

    @Test
    void inProductionTheShortVideoDispatcherNeedsTheSharedKey() {
        assertThat(SigningKeyCheck.problem(List.of("prod"), true, Optional.empty())).get().asString()
                .contains("banditore.shortvideo.links.signing-key");
        assertThat(SigningKeyCheck.problem(List.of("prod"), true, Optional.of("  "))).isPresent();
        assertThat(SigningKeyCheck.problem(List.of("prod"), true, Optional.of("a-shared-key"))).isEmpty();
    }

    @Test
    void otherRolesAndSingleProcessProfilesStartWithout() {
        assertThat(SigningKeyCheck.problem(List.of("prod"), false, Optional.empty())).isEmpty();
        for (String profile : SigningKeyCheck.SINGLE_PROCESS_PROFILES) {
            assertThat(SigningKeyCheck.problem(List.of(profile), true, Optional.empty())).as(profile).isEmpty();
        }
    }
}
