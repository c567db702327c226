package io.banditore.alert;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An alert's resource id: stable for a sender and identifier, which is what makes posting idempotent. The sender is
 * compared without case (an address), so "Protezione@..." and "protezione@..." name the same alert.
 */
public final class AlertIds {

    public static String of(String sender, String identifier) {
        return UUID.nameUUIDFromBytes((Senders.normalised(sender) + '\n' + identifier).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private AlertIds() {
    }
}
