package io.banditore.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.intake.AlertRegistry;
import io.banditore.intake.AuditLog;
import io.banditore.routing.RoutingLedger;
import io.banditore.routing.TargetChanges;

/**
 * Not ready until the alert registry, the delivery ledger, the audit trail, the run-time targets and the routing
 * outcomes have read their topics up to where they stood at start.
 */
@Readiness
@ApplicationScoped
public class ViewsReadiness implements HealthCheck {

    private final AlertRegistry alerts;
    private final DeliveryLedger deliveries;
    private final AuditLog audit;
    private final TargetChanges targets;
    private final RoutingLedger routing;

    public ViewsReadiness(AlertRegistry alerts, DeliveryLedger deliveries, AuditLog audit, TargetChanges targets, RoutingLedger routing) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.audit = audit;
        this.targets = targets;
        this.routing = routing;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("state views")
                .status(alerts.caughtUp() && deliveries.caughtUp() && audit.caughtUp() && targets.caughtUp() && routing.caughtUp())
                .withData(Topics.INTAKE, alerts.caughtUp() ? "caught up" : "reading")
                .withData(Topics.DELIVERIES, deliveries.caughtUp() ? "caught up" : "reading")
                .withData(Topics.AUDIT, audit.caughtUp() ? "caught up" : "reading")
                .withData(Topics.TARGETS, targets.caughtUp() ? "caught up" : "reading")
                .withData(Topics.ROUTING, routing.caughtUp() ? "caught up" : "reading")
                .build();
    }
}
