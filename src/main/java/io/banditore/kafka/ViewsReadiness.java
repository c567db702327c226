package io.banditore.kafka;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until every state view (the alert registry, the delivery ledger, the audit trail, the run-time targets, the
 * routing outcomes: whatever implements {@link StateView}) has read its topic up to where it stood at start.
 */
@Readiness
@ApplicationScoped
public class ViewsReadiness implements HealthCheck {

    private final List<StateView> views;

    public ViewsReadiness(Instance<StateView> views) {
        this.views = views.stream().sorted(Comparator.comparing(StateView::topic)).toList();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("state views").status(views.stream().allMatch(StateView::caughtUp));
        views.forEach(view -> response.withData(view.topic(), view.caughtUp() ? "caught up" : "reading"));
        return response.build();
    }
}
