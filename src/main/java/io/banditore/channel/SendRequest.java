package io.banditore.channel;

import io.banditore.alert.Alert;
import io.banditore.routing.ChannelAccount;
import io.banditore.routing.Target;

/**
 * One part to send: the text, where to, and the provider id of the message it follows (the part before, or the
 * original alert's message for an Update or Cancel), or null.
 */
public record SendRequest(String alertId, Alert alert, Target target, ChannelAccount account, int part, int parts, String text,
        String replyTo) {
}
