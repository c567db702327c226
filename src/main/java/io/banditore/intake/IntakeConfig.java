package io.banditore.intake;

import java.time.Duration;
import java.util.Set;

import io.banditore.alert.CapStatus;
import io.banditore.alert.MsgType;
import io.banditore.alert.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the intake accepts alerts. */
@ConfigMapping(prefix = "banditore.intake")
public interface IntakeConfig {

    /** The four-eyes rule: which alerts wait for approval by a second person before publication. */
    Approval approval();

    /** The CloudEvents source attribute of every event Banditore publishes on alerts.v1. */
    @WithDefault("/banditore/intake")
    String eventSource();

    /** How often active alerts are checked for expiry (they then become expired). */
    @WithDefault("PT30S")
    Duration expiryCheck();

    /**
     * How far effective or onset may precede sent, and sent lie ahead of now: senders' clocks drift, and feeds stamp
     * effective when a message is written and sent when it leaves (read by AlertValidator).
     */
    @WithDefault("PT5M")
    Duration clockTolerance();

    interface Approval {

        /** CAP statuses that need approval. */
        @WithDefault("Actual")
        Set<CapStatus> statuses();

        /** CAP message types that need approval (with a status above). */
        @WithDefault("Alert,Update,Cancel")
        Set<MsgType> msgTypes();

        /** Severities that need approval: an alert needs it when any of its info blocks has one of these. */
        @WithDefault("Extreme,Severe,Moderate,Minor,Unknown")
        Set<Severity> severities();
    }
}
