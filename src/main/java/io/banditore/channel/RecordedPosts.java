package io.banditore.channel;

/**
 * Which posts a provider has taken are on record: what a provider fetches for a post (TikTok's video, on a link made
 * for one attempt) is given only for those, so that a post whose id a crash kept off the record never gets it.
 */
public interface RecordedPosts {

    /**
     * True when the delivery of {@code alertId} on {@code channel} to {@code target} has, pending, the post taken by
     * the attempt whose key is {@code nonce}, as this replica's view of deliveries.v1 has it now.
     */
    boolean recorded(String alertId, String channel, String target, String nonce);
}
