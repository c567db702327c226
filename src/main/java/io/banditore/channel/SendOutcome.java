package io.banditore.channel;

import java.time.Duration;

/** What a provider's answer means for a delivery. */
public sealed interface SendOutcome {

    /**
     * The provider accepted the part: its id, a public link where there is one, and a note where the provider said
     * more than an id (a final processing state, something the post was made without), or null.
     */
    record Sent(String messageId, String url, String note) implements SendOutcome {

        public Sent(String messageId, String url) {
            this(messageId, url, null);
        }
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
