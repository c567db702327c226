package io.banditore.routing;

/** A delivery's id, stable across redeliveries: the same alert, channel and target always give the same id. */
public final class DeliveryIds {

    public static String of(String alertId, String channel, String target) {
        return alertId + ':' + channel + ':' + target;
    }

    private DeliveryIds() {
    }
}
