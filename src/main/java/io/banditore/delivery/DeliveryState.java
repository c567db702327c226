package io.banditore.delivery;

/** Where one delivery (an alert, on one channel, for one town) stands. */
public enum DeliveryState {
    QUEUED, SENDING, SENT, RETRYING, FAILED, SKIPPED;

    /** Nothing more will happen to the delivery unless someone asks for a retry. */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == SKIPPED;
    }
}
