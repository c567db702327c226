package io.banditore.channel;

import io.smallrye.mutiny.Uni;

/**
 * A post the provider has taken under an id of its own and not yet confirmed (a TikTok video being fetched and
 * processed): the id an earlier attempt was given, so that this one asks about that post instead of making another,
 * and the means to record a new one the moment the provider gives it. The dispatcher supplies it; a channel whose
 * provider confirms in the same answer never needs it. Each attempt has a key of its own ({@link #nonce()}), recorded
 * with the id it is given: a channel puts it in what the provider fetches for that post (TikTok's signed video link),
 * so that what it serves can be refused to a post whose id was never recorded.
 */
public interface PendingPost {

    /** Nothing pending and nothing recorded: for sends made outside a delivery (tests, previews). */
    PendingPost NONE = new PendingPost() {
        @Override
        public String earlier() {
            return null;
        }

        @Override
        public Uni<Void> taken(String providerId) {
            return Uni.createFrom().voidItem();
        }
    };

    /** The id an earlier attempt of this part was given and never saw confirmed, or null. */
    String earlier();

    /** This attempt's key, recorded with the id it is given; null when nothing is recorded. */
    default String nonce() {
        return null;
    }

    /**
     * Records that the provider has taken the part under {@code providerId}, with this attempt's {@link #nonce()};
     * completes once it is recorded.
     */
    Uni<Void> taken(String providerId);
}
