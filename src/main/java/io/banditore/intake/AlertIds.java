package io.banditore.intake;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** An alert's resource id: stable for a sender and identifier, which is what makes posting idempotent. */
public final class AlertIds {

    public static String of(String sender, String identifier) {
        return UUID.nameUUIDFromBytes((sender + '\n' + identifier).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private AlertIds() {
    }
}
