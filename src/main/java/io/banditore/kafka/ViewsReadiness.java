package io.banditore.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.intake.AlertRegistry;
import io.banditore.intake.AuditLog;

/** Not ready until the alert registry, the delivery ledger and the audit trail have read their topics up to where they stood at start. */
@Readiness
@ApplicationScoped
public class ViewsReadiness implements HealthCheck {

    private final AlertRegistry alerts;
    private final DeliveryLedger deliveries;
    private final AuditLog audit;

    public ViewsReadiness(AlertRegistry alerts, DeliveryLedger deliveries, AuditLog audit) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.audit = audit;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("state views")
                .status(alerts.caughtUp() && deliveries.caughtUp() && audit.caughtUp())
                .withData(Topics.INTAKE, alerts.caughtUp() ? "caught up" : "reading")
                .withData(Topics.DELIVERIES, deliveries.caughtUp() ? "caught up" : "reading")
                .withData(Topics.AUDIT, audit.caughtUp() ? "caught up" : "reading")
                .build();
    }
}
