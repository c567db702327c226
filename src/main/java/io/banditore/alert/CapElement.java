package io.banditore.alert;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A CAP element as read: its XPath, where it starts, its text and its CAP children (elements of other namespaces are
 * left out); and the records that a tree of them makes once the schema has accepted it.
 */
final class CapElement {

    final String name;
    final String path;
    final String position;
    final StringBuilder text = new StringBuilder();
    final List<CapElement> children = new ArrayList<>();

    CapElement(String name, String path, String position) {
        this.name = name;
        this.path = path;
        this.position = position;
    }

    CapElement first(String child) {
        return children.stream().filter(c -> c.name.equals(child)).findFirst().orElse(null);
    }

    List<CapElement> all(String child) {
        return children.stream().filter(c -> c.name.equals(child)).toList();
    }

    /** The child's text as written, or null when absent or blank: CAP senders write empty elements for "none". */
    String text(String child) {
        CapElement node = first(child);
        return node == null || node.text.toString().isBlank() ? null : node.text.toString();
    }

    /** For xs:language and xs:anyURI, whose surrounding whitespace XML Schema ignores. */
    String token(String child) {
        String text = text(child);
        return text == null ? null : text.trim();
    }

    List<String> texts(String child) {
        return all(child).stream().map(n -> n.text.toString()).filter(t -> !t.isBlank()).toList();
    }

    /** The child's text exactly, empty included: for valueName and value, which the schema requires. */
    String exactText(String child) {
        CapElement node = first(child);
        return node == null ? "" : node.text.toString();
    }

    // ---- the element tree into records

    static Alert toAlert(CapElement a, List<Violation> problems) {
        return new Alert(
                a.text("identifier"),
                a.text("sender"),
                time(a, "sent", problems),
                enumValue(a, "status", CapStatus::valueOf),
                enumValue(a, "msgType", MsgType::valueOf),
                a.text("source"),
                enumValue(a, "scope", Scope::valueOf),
                a.text("restriction"),
                a.text("addresses"),
                a.texts("code"),
                a.text("note"),
                a.text("references"),
                a.text("incidents"),
                a.all("info").stream().map(i -> info(i, problems)).toList());
    }

    private static Info info(CapElement i, List<Violation> problems) {
        return new Info(
                i.token("language"),
                i.texts("category"),
                i.text("event"),
                i.texts("responseType"),
                enumValue(i, "urgency", Urgency::valueOf),
                enumValue(i, "severity", Severity::valueOf),
                enumValue(i, "certainty", Certainty::valueOf),
                i.text("audience"),
                namedValues(i, "eventCode"),
                time(i, "effective", problems),
                time(i, "onset", problems),
                time(i, "expires", problems),
                i.text("senderName"),
                i.text("headline"),
                i.text("description"),
                i.text("instruction"),
                i.token("web"),
                i.text("contact"),
                namedValues(i, "parameter"),
                i.all("resource").stream().map(r -> resource(r, problems)).toList(),
                i.all("area").stream().map(CapElement::area).toList());
    }

    private static Resource resource(CapElement r, List<Violation> problems) {
        Long size = null;
        CapElement sizeNode = r.first("size");
        if (sizeNode != null) {
            try {
                size = Long.valueOf(sizeNode.text.toString().trim());
            } catch (NumberFormatException e) {
                problems.add(unreadable(sizeNode, "'" + CapSchemaErrors.quote(sizeNode.text.toString().trim()) + "' bytes is too large a size"));
            }
        }
        return new Resource(r.text("resourceDesc"), r.text("mimeType"), size, r.token("uri"), r.text("derefUri"), r.text("digest"));
    }

    private static Area area(CapElement a) {
        return new Area(a.text("areaDesc"), a.texts("polygon"), a.texts("circle"), namedValues(a, "geocode"),
                decimalValue(a, "altitude"), decimalValue(a, "ceiling"));
    }

    private static List<NamedValue> namedValues(CapElement parent, String name) {
        return parent.all(name).stream().map(n -> new NamedValue(n.exactText("valueName"), n.exactText("value"))).toList();
    }

    private static <E extends Enum<E>> E enumValue(CapElement parent, String name, Function<String, E> valueOf) {
        String text = parent.text(name);
        return text == null ? null : valueOf.apply(text);
    }

    private static Double decimalValue(CapElement parent, String name) {
        CapElement node = parent.first(name);
        // The schema has checked the xs:decimal syntax, which Double's parser accepts.
        return node == null ? null : Double.valueOf(node.text.toString().trim());
    }

    private static OffsetDateTime time(CapElement parent, String name, List<Violation> problems) {
        CapElement node = parent.first(name);
        if (node == null) {
            return null;
        }
        String text = node.text.toString().trim();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            // XML Schema allows what java.time does not, such as 24:00:00.
            problems.add(unreadable(node, "'" + CapSchemaErrors.quote(text) + "' is not a time that can be used; " + CapSchemaErrors.TIME_ADVICE));
            return null;
        }
    }

    private static Violation unreadable(CapElement node, String detail) {
        return new Violation(node.path, detail + " " + node.position);
    }
}
