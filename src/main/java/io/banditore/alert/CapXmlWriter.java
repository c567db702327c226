package io.banditore.alert;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Writes alerts as schema-valid CAP 1.2 XML: elements in the schema's order, absent and empty values left out. */
final class CapXmlWriter {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    /** CAP forbids offsets with seconds, and XML Schema offsets beyond 14 hours. */
    private static final int MAX_OFFSET_SECONDS = 14 * 3600;

    private CapXmlWriter() {
    }

    /**
     * The alert as a CAP 1.2 XML document.
     *
     * @throws IllegalArgumentException when the alert lacks something CAP requires and XML cannot do without (a time, an enumerated value)
     */
    static String write(Alert alert) {
        CapWriter w = new CapWriter();
        w.open("alert", CapXml.NAMESPACE);
        w.required("identifier", alert.identifier());
        w.required("sender", alert.sender());
        w.leaf("sent", time(require(alert.sent(), "sent")));
        w.leaf("status", require(alert.status(), "status").name());
        w.leaf("msgType", require(alert.msgType(), "msgType").name());
        w.optional("source", alert.source());
        w.leaf("scope", require(alert.scope(), "scope").name());
        w.optional("restriction", alert.restriction());
        w.optional("addresses", alert.addresses());
        alert.code().forEach(c -> w.optional("code", c));
        w.optional("note", alert.note());
        w.optional("references", alert.references());
        w.optional("incidents", alert.incidents());
        alert.info().forEach(i -> writeInfo(w, i));
        w.close("alert");
        return w.toString();
    }

    private static void writeInfo(CapWriter w, Info info) {
        w.open("info", null);
        w.optional("language", info.language());
        if (info.category().isEmpty()) {
            throw new IllegalArgumentException("Cannot write CAP XML: an info block has no category");
        }
        info.category().forEach(c -> w.leaf("category", c));
        w.required("event", info.event());
        info.responseType().forEach(r -> w.optional("responseType", r));
        w.leaf("urgency", require(info.urgency(), "urgency").name());
        w.leaf("severity", require(info.severity(), "severity").name());
        w.leaf("certainty", require(info.certainty(), "certainty").name());
        w.optional("audience", info.audience());
        info.eventCode().forEach(v -> writeNamedValue(w, "eventCode", v));
        w.optional("effective", info.effective() == null ? null : time(info.effective()));
        w.optional("onset", info.onset() == null ? null : time(info.onset()));
        w.optional("expires", info.expires() == null ? null : time(info.expires()));
        w.optional("senderName", info.senderName());
        w.optional("headline", info.headline());
        w.optional("description", info.description());
        w.optional("instruction", info.instruction());
        w.optional("web", info.web());
        w.optional("contact", info.contact());
        info.parameter().forEach(v -> writeNamedValue(w, "parameter", v));
        info.resource().forEach(r -> writeResource(w, r));
        info.area().forEach(a -> writeArea(w, a));
        w.close("info");
    }

    private static void writeResource(CapWriter w, Resource resource) {
        w.open("resource", null);
        w.required("resourceDesc", resource.resourceDesc());
        w.required("mimeType", resource.mimeType());
        w.optional("size", resource.size() == null ? null : resource.size().toString());
        w.optional("uri", resource.uri());
        w.optional("derefUri", resource.derefUri());
        w.optional("digest", resource.digest());
        w.close("resource");
    }

    private static void writeArea(CapWriter w, Area area) {
        w.open("area", null);
        w.required("areaDesc", area.areaDesc());
        area.polygon().forEach(p -> w.optional("polygon", p));
        area.circle().forEach(c -> w.optional("circle", c));
        area.geocode().forEach(g -> writeNamedValue(w, "geocode", g));
        w.optional("altitude", decimal(area.altitude()));
        w.optional("ceiling", decimal(area.ceiling()));
        w.close("area");
    }

    private static void writeNamedValue(CapWriter w, String element, NamedValue v) {
        w.open(element, null);
        w.required("valueName", v.valueName());
        w.required("value", v.value());
        w.close(element);
    }

    /** CAP times: to the second, always with an offset, UTC as "-00:00" (CAP 1.2 section 3.3.2). */
    static String time(OffsetDateTime t) {
        int offset = t.getOffset().getTotalSeconds();
        OffsetDateTime written = (offset % 60 != 0 || Math.abs(offset) > MAX_OFFSET_SECONDS ? t.withOffsetSameInstant(ZoneOffset.UTC) : t)
                .truncatedTo(ChronoUnit.SECONDS);
        if (written.getYear() < 1 || written.getYear() > 9999) {
            throw new IllegalArgumentException("Cannot write CAP XML: year " + written.getYear() + " has not four digits");
        }
        String zone = written.getOffset().getTotalSeconds() == 0 ? "-00:00" : written.getOffset().getId();
        return LOCAL_TIME.format(written) + zone;
    }

    private static String decimal(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new IllegalArgumentException("Cannot write CAP XML: " + value + " is not a decimal number");
        }
        // Double.toString would write exponents ("1.0E4"), which xs:decimal refuses.
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static <T> T require(T value, String element) {
        if (value == null) {
            throw new IllegalArgumentException("Cannot write CAP XML: " + element + " is required");
        }
        return value;
    }

    /** Writes indented CAP elements; text is escaped so that it reads back exactly. */
    private static final class CapWriter {

        private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        private int depth;

        void open(String name, String namespace) {
            indent().append('<').append(name);
            if (namespace != null) {
                out.append(" xmlns=\"").append(namespace).append('"');
            }
            out.append(">\n");
            depth++;
        }

        void close(String name) {
            depth--;
            indent().append("</").append(name).append(">\n");
        }

        void leaf(String name, String text) {
            indent().append('<').append(name).append('>');
            escape(text);
            out.append("</").append(name).append(">\n");
        }

        /** Left out when absent or empty. */
        void optional(String name, String text) {
            if (text != null && !text.isEmpty()) {
                leaf(name, text);
            }
        }

        /** Written even when empty: the schema needs the element. */
        void required(String name, String text) {
            leaf(name, text == null ? "" : text);
        }

        private StringBuilder indent() {
            return out.append("  ".repeat(depth));
        }

        private void escape(String text) {
            text.codePoints().forEach(c -> {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    // A raw CR would be read back as LF (XML end-of-line handling).
                    case '\r' -> out.append("&#13;");
                    default -> out.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
                }
            });
        }

        /** XML 1.0 cannot carry control characters or lone surrogates at all; they become U+FFFD. */
        private static boolean isXmlChar(int c) {
            return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
