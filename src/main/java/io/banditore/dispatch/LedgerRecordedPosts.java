package io.banditore.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.RecordedPosts;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.routing.DeliveryIds;

/** The posts on record are those the delivery ledger holds as pending, each with the key of the attempt that took it. */
@ApplicationScoped
public class LedgerRecordedPosts implements RecordedPosts {

    private final DeliveryLedger ledger;

    public LedgerRecordedPosts(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public boolean recorded(String alertId, String channel, String target, String nonce) {
        return ledger.find(DeliveryIds.of(alertId, channel, target)).map(status -> status.pendingFrom(nonce)).orElse(false);
    }
}
