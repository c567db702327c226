package io.banditore.channel;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * What every channel does: render an alert for a target into parts, send one part, and say what the provider's
 * answer means. A new channel is one package implementing this.
 */
public interface ChannelPublisher {

    /** The channel's name, as in the directory and the topics. */
    String name();

    /** The parts to publish for this target, in order; each one fits the channel's limits and says until when it may be sent. */
    List<Part> render(RenderRequest request);

    /** Sends one part. Transport failures (timeouts, resets) come back as a failed Uni and are retried. */
    Uni<SendOutcome> send(SendRequest request);

    /** The provider's rate limits that this send counts against; the dispatcher waits until each allows it. */
    default List<RateLimit> limits(SendRequest request) {
        return List.of();
    }
}
