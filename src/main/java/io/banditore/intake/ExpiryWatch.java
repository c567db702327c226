package io.banditore.intake;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Marks alerts expired once their validity has ended (every banditore.intake.expiry-check). Not before the
 * application has started: until then the Kafka emitters it writes through are not connected.
 */
@ApplicationScoped
public class ExpiryWatch {

    private final AlertService service;

    public ExpiryWatch(AlertService service) {
        this.service = service;
    }

    @Scheduled(every = "${banditore.intake.expiry-check:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expire() {
        return service.expireDue();
    }
}
