package io.banditore.intake;

import java.util.Set;

import io.banditore.alert.CapStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the intake accepts alerts. */
@ConfigMapping(prefix = "banditore.intake")
public interface IntakeConfig {

    /** Four-eyes rule: alerts with these CAP statuses wait for approval by a second person before publication. */
    @WithDefault("Actual")
    Set<CapStatus> approvalRequiredFor();

    /** The CloudEvents source attribute of every event Banditore publishes on alerts.v1. */
    @WithDefault("/banditore/intake")
    String eventSource();
}
