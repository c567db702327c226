package io.banditore.alert;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * CAP 1.2's required fields and the public-safety rules on times. Rules that need other alerts
 * (references) are checked by the intake, which knows them.
 */
@ApplicationScoped
public class AlertValidator {

    /** CAP: identifier and sender contain no spaces, commas, "<" or "&". */
    private static final Pattern CAP_TOKEN = Pattern.compile("[^\\s,<&]+");

    private final Clock clock;

    public AlertValidator(Clock clock) {
        this.clock = clock;
    }

    public void validate(Alert alert) {
        List<Violation> violations = new ArrayList<>();
        token(violations, "/identifier", alert.identifier());
        token(violations, "/sender", alert.sender());
        required(violations, "/sent", alert.sent());
        required(violations, "/status", alert.status());
        required(violations, "/msgType", alert.msgType());
        required(violations, "/scope", alert.scope());
        if (alert.scope() == Scope.Restricted && blank(alert.restriction())) {
            violations.add(new Violation("/restriction", "is required when scope is Restricted"));
        }
        if (alert.scope() == Scope.Private && blank(alert.addresses())) {
            violations.add(new Violation("/addresses", "is required when scope is Private"));
        }
        if (alert.msgType() != null && alert.msgType().needsReferences()) {
            if (blank(alert.references())) {
                violations.add(new Violation("/references", "is required for a " + alert.msgType() + ": name the alert it refers to as sender,identifier,sent"));
            } else if (!alert.referencedAlerts().stream().allMatch(Reference::wellFormed)) {
                violations.add(new Violation("/references", "must be space-separated sender,identifier,sent triples"));
            }
        }
        if (alert.msgType() == MsgType.Alert && alert.info().isEmpty()) {
            violations.add(new Violation("/info", "an Alert needs at least one info block to tell people what is happening"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < alert.info().size(); i++) {
            validateInfo(violations, "/info/" + i, alert.info().get(i), alert.sent(), now);
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
    }

    private void validateInfo(List<Violation> violations, String at, Info info, OffsetDateTime sent, OffsetDateTime now) {
        if (info.category().isEmpty()) {
            violations.add(new Violation(at + "/category", "is required (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other)"));
        }
        required(violations, at + "/event", blank(info.event()) ? null : info.event());
        required(violations, at + "/urgency", info.urgency());
        required(violations, at + "/severity", info.severity());
        required(violations, at + "/certainty", info.certainty());
        for (int a = 0; a < info.area().size(); a++) {
            if (blank(info.area().get(a).areaDesc())) {
                violations.add(new Violation(at + "/area/" + a + "/areaDesc", "is required"));
            }
        }
        OffsetDateTime start = info.effective() != null ? info.effective() : sent;
        if (sent != null && info.effective() != null && info.effective().isBefore(sent)) {
            violations.add(new Violation(at + "/effective", "must not be before sent"));
        }
        if (sent != null && info.onset() != null && info.onset().isBefore(sent)) {
            violations.add(new Violation(at + "/onset", "must not be before sent"));
        }
        if (info.expires() != null) {
            if (start != null && !info.expires().isAfter(start)) {
                violations.add(new Violation(at + "/expires", "must be after " + (info.effective() != null ? "effective" : "sent")));
            }
            if (info.onset() != null && !info.expires().isAfter(info.onset())) {
                violations.add(new Violation(at + "/expires", "must be after onset"));
            }
            if (!info.expires().isAfter(now)) {
                violations.add(new Violation(at + "/expires", "is already past: an expired alert is never published"));
            }
        }
    }

    private static void token(List<Violation> violations, String pointer, String value) {
        if (blank(value)) {
            violations.add(new Violation(pointer, "is required"));
        } else if (!CAP_TOKEN.matcher(value).matches()) {
            violations.add(new Violation(pointer, "must not contain spaces, commas, '<' or '&'"));
        }
    }

    private static void required(List<Violation> violations, String pointer, Object value) {
        if (value == null) {
            violations.add(new Violation(pointer, "is required"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
