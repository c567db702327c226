package io.banditore.channel;

import io.banditore.alert.Alert;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Target;

/**
 * One part to send: the text, where to, the provider id of the message it follows (the part before, or the
 * original alert's message for an Update or Cancel) or null, and the check a channel makes right before a provider
 * call that comes after slow work of its own (a rendered video): when it gives a reason, nothing is sent and the
 * outcome is {@link SendOutcome.Skipped} with it; and the post an earlier attempt left pending with the provider.
 */
public record SendRequest(String alertId, Alert alert, Target target, ChannelAccount account, int part, int parts, String text,
        String replyTo, LastMomentCheck lastMoment, PendingPost pending) {

    public SendRequest {
        lastMoment = lastMoment == null ? LastMomentCheck.NONE : lastMoment;
        pending = pending == null ? PendingPost.NONE : pending;
    }

    public SendRequest(String alertId, Alert alert, Target target, ChannelAccount account, int part, int parts, String text, String replyTo,
            LastMomentCheck lastMoment) {
        this(alertId, alert, target, account, part, parts, text, replyTo, lastMoment, PendingPost.NONE);
    }

    public SendRequest(String alertId, Alert alert, Target target, ChannelAccount account, int part, int parts, String text, String replyTo) {
        this(alertId, alert, target, account, part, parts, text, replyTo, LastMomentCheck.NONE);
    }
}
