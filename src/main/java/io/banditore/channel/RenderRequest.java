package io.banditore.channel;

import java.time.Instant;
import java.util.List;

import io.banditore.alert.Alert;
import io.banditore.directory.Target;

/**
 * What a channel renders: the alert as it will be sent, the alerts an Update or Cancel refers to as they were
 * published (a Cancel without info is written from them), the target, whether the target has left the area of the
 * Update being sent (it is then told the alert no longer concerns it), and the instant the rendering is for.
 */
public record RenderRequest(Alert alert, List<Alert> referenced, Target target, boolean droppedFromArea, Instant now) {

    public RenderRequest {
        referenced = List.copyOf(referenced);
    }

    /** A plain rendering: nothing referenced, the target in the area. */
    public static RenderRequest of(Alert alert, Target target, Instant now) {
        return new RenderRequest(alert, List.of(), target, false, now);
    }
}
