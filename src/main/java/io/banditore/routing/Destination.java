package io.banditore.routing;

import io.banditore.directory.Target;

/**
 * One delivery the router queues: this target on this channel; {@code droppedFromArea}: the alert is an Update whose
 * area no longer covers the target, which is told that the alert it got no longer concerns it.
 */
public record Destination(Target target, String channel, boolean droppedFromArea) {
}
