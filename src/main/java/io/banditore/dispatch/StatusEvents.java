package io.banditore.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.Topics;
import io.banditore.trace.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Records delivery transitions on deliveries.v1 (key = delivery id, so each delivery's events keep their order) and
 * failures for good on the dead-letter topic. A transition counts once Kafka has acknowledged it.
 */
@ApplicationScoped
public class StatusEvents {

    private final MutinyEmitter<DeliveryStatus> statuses;
    private final MutinyEmitter<DeadLetter> deadLetters;
    private final DeliveryLedger ledger;
    private final MeterRegistry metrics;

    public StatusEvents(@Channel(Topics.Channels.DELIVERIES_OUT) MutinyEmitter<DeliveryStatus> statuses,
            @Channel(Topics.Channels.DEAD_LETTERS_OUT) MutinyEmitter<DeadLetter> deadLetters,
            DeliveryLedger ledger, MeterRegistry metrics) {
        this.statuses = statuses;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public Uni<DeliveryStatus> record(DeliveryStatus transition) {
        DeliveryStatus status = Traces.current().map(transition::inTrace).orElse(transition);
        return statuses.sendMessage(KafkaMessages.keyed(status.deliveryId(), status))
                .invoke(() -> {
                    ledger.apply(status);
                    metrics.counter("banditore.deliveries", "channel", status.channel(), "status", status.status().name()).increment();
                })
                .replaceWith(status);
    }

    public Uni<Void> deadLetter(DeadLetter letter) {
        return deadLetters.sendMessage(KafkaMessages.keyed(letter.order().deliveryId(), letter))
                .invoke(() -> metrics.counter("banditore.dead.letters", "channel", letter.order().channel()).increment());
    }
}
