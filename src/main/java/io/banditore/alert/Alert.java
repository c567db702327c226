package io.banditore.alert;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CAP 1.2 alert message, spelled with CAP's own element names so that the JSON and XML forms map one to one.
 * Lists stand where CAP allows an element more than once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Alert(
        String identifier,
        String sender,
        OffsetDateTime sent,
        CapStatus status,
        MsgType msgType,
        String source,
        Scope scope,
        String restriction,
        String addresses,
        List<String> code,
        String note,
        String references,
        String incidents,
        List<Info> info) {

    public Alert {
        code = code == null ? List.of() : List.copyOf(code);
        info = info == null ? List.of() : List.copyOf(info);
    }

    /** True when every info block has expired by then: such an alert is never published. */
    public boolean isExpiredAt(java.time.Instant now) {
        return !info.isEmpty() && info.stream().allMatch(i -> i.expires() != null && !i.expires().toInstant().isAfter(now));
    }

    /**
     * The one rule of what may reach a town's public channels: only CAP Alert, Update and Cancel messages (Ack and
     * Error are messages between systems), and never a Draft or System message, whatever its type.
     */
    public boolean reachesPublicChannels() {
        return msgType != null && msgType.isForThePublic() && status != null && !status.isNeverPublic();
    }

    /** Why the alert never reaches a public channel, in words for its view; null when it may. */
    public String whyNotPublic() {
        if (reachesPublicChannels()) {
            return null;
        }
        if (msgType != null && !msgType.isForThePublic()) {
            return "a CAP " + msgType + " is a message between systems: published on alerts.v1 for city systems, never posted on a town's channel";
        }
        return "a " + status + " message is never posted on a town's channel";
    }

    /** The references as CAP spells them: space-separated "sender,identifier,sent" triples. */
    public List<Reference> referencedAlerts() {
        return Reference.parseAll(references);
    }
}
