package io.banditore.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.intake.AlertRegistry;

/** Not ready until the alert registry and the delivery ledger have read their topics up to where they stood at start. */
@Readiness
@ApplicationScoped
public class ViewsReadiness implements HealthCheck {

    private final AlertRegistry alerts;
    private final DeliveryLedger deliveries;

    public ViewsReadiness(AlertRegistry alerts, DeliveryLedger deliveries) {
        this.alerts = alerts;
        this.deliveries = deliveries;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("state views")
                .status(alerts.caughtUp() && deliveries.caughtUp())
                .withData(Topics.INTAKE, alerts.caughtUp() ? "caught up" : "reading")
                .withData(Topics.DELIVERIES, deliveries.caughtUp() ? "caught up" : "reading")
                .build();
    }
}
