package io.banditore.channel;

import java.time.Duration;

/** What a provider's answer means for a delivery. */
public sealed interface SendOutcome {

    /** The provider accepted the part: its id, and a public link where there is one. */
    record Sent(String messageId, String url) implements SendOutcome {
    }

    /** Try again, not before {@code after} (the provider's own wait, or zero to use the backoff). */
    record RetryLater(Duration after, String reason) implements SendOutcome {
    }

    /** The provider refused for good; retrying would not help. */
    record Failed(String reason) implements SendOutcome {
    }

    /** Nothing to send, and rightly so (already posted, no account to publish with). */
    record Skipped(String reason) implements SendOutcome {
    }
}
