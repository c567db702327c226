package io.banditore.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * How long a request waits for its decision (AlertDecider) before it is answered 503; the request is kept and
     * decided all the same, and the alert's state shows the outcome.
     */
    @WithDefault("PT10S")
    Duration decisionTimeout();

    /** How often active alerts are checked for expiry (they then become expired). */
    @WithDefault("PT30S")
    Duration expiryCheck();

    /**
     * How far sent may lie ahead of now, for senders' clocks that drift (read by AlertValidator, through IntakeValidation). Effective and onset
     * may precede sent by any amount: a report of a quake that happened, a flood under way.
     */
    @WithDefault("PT5M")
    Duration clockTolerance();

    /**
     * Supervising senders: by CAP sender (as an Update's or Cancel's sender), the senders whose alerts it may update or
     * cancel besides its own, each exact, "*@domain" or "*"; e.g. the prefecture over its comuni:
     * {@code banditore.intake.supervised-senders."protezionecivile@prefettura.torino.it"=*@comune.chivasso.to.it}.
     * Senders compare without case. The poster must still be allowed the Update's or Cancel's own sender.
     */
    Map<String, List<String>> supervisedSenders();

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
