package io.banditore.channel;

import java.util.Optional;

/**
 * Asked by a channel immediately before its provider call (after a video is rendered, before a post is initialised):
 * why this part must not be sent any more (its alert cancelled, superseded, rejected or expired, its delivery taken
 * over by another dispatcher), or empty when it may go. The dispatcher supplies it; a channel only asks.
 */
@FunctionalInterface
public interface LastMomentCheck {

    /** Nothing to check: for sends made outside a delivery (tests, previews). */
    LastMomentCheck NONE = Optional::empty;

    Optional<String> whyNot();
}
