package io.banditore.intake;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;

/** Decides which alerts wait for a second person's approval (banditore.intake.approval.*). */
@ApplicationScoped
public class ApprovalPolicy {

    private final IntakeConfig.Approval config;

    public ApprovalPolicy(IntakeConfig config) {
        this.config = config.approval();
    }

    public boolean requiresApproval(Alert alert) {
        if (!config.statuses().contains(alert.status()) || !config.msgTypes().contains(alert.msgType())) {
            return false;
        }
        // A Cancel often carries no info block: it takes the rule of its status and type alone.
        return alert.info().isEmpty() || alert.info().stream().anyMatch(i -> i.severity() == null || config.severities().contains(i.severity()));
    }
}
