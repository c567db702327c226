package io.banditore.kafka;

import java.util.List;

/**
 * Every Kafka topic and every messaging channel of Banditore, in one place. application.properties maps the
 * channels onto these topics; the tests use the same constants.
 */
public final class Topics {

    /** Published alerts for every subscriber: structured-mode CloudEvents JSON, key = the alert identifier. */
    public static final String ALERTS = "alerts.v1";
    /** The intake's journal: one record per alert and change of state, key = alert id; compacted. */
    public static final String INTAKE = "intake.v1";
    /**
     * Decisions asked of the intake (post, approve, reject, expire), key = alert id. One partition: one decider at a
     * time decides on every alert, which is what makes decisions that span alerts (a Cancel withdrawing another
     * alert while it expires) linearisable. See intake.AlertDecider.
     */
    public static final String INTAKE_COMMANDS = "intake.commands.v1";
    /** What the decider made of each command, key = alert id: the answer the replica that took the request waits for. */
    public static final String INTAKE_DECISIONS = "intake.decisions.v1";
    /** One record per delivery to make on a channel, key = target id. */
    public static final String DISPATCH_TELEGRAM = "dispatch.telegram";
    public static final String DISPATCH_X = "dispatch.x";
    public static final String DISPATCH_SHORTVIDEO = "dispatch.shortvideo";
    /** Delivery status events, key = delivery id; compacted, the latest status of each delivery. */
    public static final String DELIVERIES = "deliveries.v1";
    /** Deliveries that failed for good, with the reason, key = delivery id. */
    public static final String DEAD_LETTERS = "dispatch.dead-letter.v1";

    /** Who did what to an alert and when, key = alert id; kept as a log, not compacted. */
    public static final String AUDIT = "audit.v1";
    /** Targets added, replaced or removed at run time, key = target id; compacted, merged over the directory file. */
    public static final String TARGETS = "targets.v1";
    /** What the router made of each alert (the towns matched, or none), key = alert id; compacted. */
    public static final String ROUTING = "routing.v1";

    /** Each town's short-video caption package of an alert (caption, script, subtitle cues), JSON, key = alertId:target. */
    public static final String CAPTIONS = "captions.v1";

    public static final List<String> ALL = List.of(ALERTS, INTAKE, INTAKE_COMMANDS, INTAKE_DECISIONS, DISPATCH_TELEGRAM, DISPATCH_X, DISPATCH_SHORTVIDEO,
            DELIVERIES, DEAD_LETTERS, AUDIT, TARGETS, ROUTING, CAPTIONS);

    /** Topics that hold a state (the latest record per key) and are compacted. */
    public static final List<String> COMPACTED = List.of(INTAKE, DELIVERIES, TARGETS, ROUTING);

    /** Topics that must have exactly one partition (their single consumer is what orders them). */
    public static final List<String> SINGLE_PARTITION = List.of(INTAKE_COMMANDS);

    /** Messaging channel names (the names application.properties configures). */
    public static final class Channels {
        public static final String ALERTS_IN = "alerts-in";
        /** Commands to the decider, and the decider's reading of them. */
        public static final String INTAKE_COMMANDS_OUT = "intake-commands-out";
        public static final String INTAKE_COMMANDS_IN = "intake-commands-in";
        /**
         * The decider's transactional writes: the decision, the journal entries, the audit records and the published
         * alert of one command, each record naming its topic.
         */
        public static final String INTAKE_DECISIONS_OUT = "intake-decisions-out";
        /** Dispatch orders, each written to its channel's dispatch topic (named in the record's metadata). */
        public static final String DISPATCH_OUT = "dispatch-out";
        public static final String DISPATCH_TELEGRAM_IN = "dispatch-telegram-in";
        public static final String DISPATCH_X_IN = "dispatch-x-in";
        public static final String DISPATCH_SHORTVIDEO_IN = "dispatch-shortvideo-in";
        public static final String DELIVERIES_OUT = "deliveries-out";
        public static final String DEAD_LETTERS_OUT = "dead-letters-out";
        public static final String TARGETS_OUT = "targets-out";
        public static final String ROUTING_OUT = "routing-out";
        public static final String CAPTIONS_OUT = "captions-out";

        private Channels() {
        }
    }

    /** The dispatch topic of a channel. */
    public static String dispatchTopic(String channel) {
        return "dispatch." + channel;
    }

    private Topics() {
    }
}
