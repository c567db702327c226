package io.banditore.alert;

import java.util.ArrayList;
import java.util.List;

/** One entry of CAP's references: the sender, identifier and sent time of an earlier message. */
public record Reference(String sender, String identifier, String sent) {

    /** Parses CAP's space-separated "sender,identifier,sent" triples; a malformed entry is kept with nulls so validation can name it. */
    public static List<Reference> parseAll(String references) {
        List<Reference> result = new ArrayList<>();
        if (references == null || references.isBlank()) {
            return result;
        }
        for (String triple : references.trim().split("\\s+")) {
            String[] parts = triple.split(",", -1);
            result.add(parts.length == 3 ? new Reference(parts[0], parts[1], parts[2]) : new Reference(null, triple, null));
        }
        return result;
    }

    public boolean wellFormed() {
        return sender != null && !sender.isEmpty() && identifier != null && !identifier.isEmpty() && sent != null && !sent.isEmpty();
    }
}
