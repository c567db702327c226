package io.banditore.intake;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Marks alerts expired once their validity has ended (every banditore.intake.expiry-check). The first look comes one
 * interval after start: at the very start the Kafka emitters it writes through are not connected yet.
 */
@ApplicationScoped
public class ExpiryWatch {

    private final AlertService service;

    public ExpiryWatch(AlertService service) {
        this.service = service;
    }

    @Scheduled(every = "${banditore.intake.expiry-check:PT30S}", delayed = "${banditore.intake.expiry-check:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expire() {
        return service.expireDue();
    }
}
