package io.banditore.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.banditore.channel.Credentials;
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
    private final Credentials credentials;

    public StatusEvents(@Channel(Topics.Channels.DELIVERIES_OUT) MutinyEmitter<DeliveryStatus> statuses,
            @Channel(Topics.Channels.DEAD_LETTERS_OUT) MutinyEmitter<DeadLetter> deadLetters,
            DeliveryLedger ledger, MeterRegistry metrics, Credentials credentials) {
        this.credentials = credentials;
        this.statuses = statuses;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** Records a transition, in the trace of the work that made it; its texts never carry a credential, whatever wrote them. */
    public Uni<DeliveryStatus> record(DeliveryStatus transition) {
        DeliveryStatus status = Traces.current().map(transition::inTrace).orElse(transition).withTexts(credentials::redact);
        return statuses.sendMessage(KafkaMessages.keyed(status.deliveryId(), status))
                .invoke(() -> {
                    ledger.apply(status);
                    metrics.counter("banditore.deliveries", "channel", status.channel(), "status", status.status().name()).increment();
                })
                .replaceWith(status);
    }

    public Uni<Void> deadLetter(DeadLetter failed) {
        DeadLetter letter = new DeadLetter(failed.order(), credentials.redact(failed.reason()), failed.attempts(), failed.failedAt());
        return deadLetters.sendMessage(KafkaMessages.keyed(letter.order().deliveryId(), letter))
                .invoke(() -> metrics.counter("banditore.dead.letters", "channel", letter.order().channel()).increment());
    }
}
