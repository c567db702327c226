package io.banditore.alert;

import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns the schema validator's (Xerces') cvc-* messages into words an operator can act on, each with the XPath of the
 * element at fault and its position, e.g. "scope is required here, before info (line 9, column 9)".
 */
final class CapSchemaErrors implements ErrorHandler {

    static final String TIME_ADVICE = "CAP times look like 2003-06-11T20:56:00-07:00 (whole seconds and an offset; UTC is -00:00)";
    private static final String LANGUAGE_ADVICE = "is not a language tag such as en-US or it-IT";
    private static final int MAX_QUOTED = 80;
    private static final Set<String> TIME_ELEMENTS = Set.of("sent", "effective", "onset", "expires");
    private static final Set<String> REQUIRED = Set.of("identifier", "sender", "sent", "status", "msgType", "scope", "category",
            "event", "urgency", "severity", "certainty", "valueName", "value", "resourceDesc", "mimeType", "areaDesc");
    private static final Set<String> CAP_ELEMENTS = Set.of("alert", "identifier", "sender", "sent", "status", "msgType", "source",
            "scope", "restriction", "addresses", "code", "note", "references", "incidents", "info", "language", "category", "event",
            "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective", "onset", "expires",
            "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area", "valueName",
            "value", "resourceDesc", "mimeType", "size", "uri", "derefUri", "digest", "areaDesc", "polygon", "circle", "geocode",
            "altitude", "ceiling");

    private static final Pattern KEYED = Pattern.compile("(cvc-[\\w.-]+): (.*)", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("One of '\\{(.*)\\}' is expected");
    private static final Pattern ENUMERATION = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)\\]'", Pattern.DOTALL);
    private static final Pattern FACET_VALUE = Pattern.compile("Value '(.*)' is not facet-valid", Pattern.DOTALL);
    private static final Pattern DATATYPE = Pattern.compile("'(.*)' is not a valid value for '(.*)'", Pattern.DOTALL);
    private static final Pattern TYPE_VALUE = Pattern.compile("The value '(.*)' of element", Pattern.DOTALL);
    /** How Xerces names an element of a namespace: "urn:...":name */
    private static final Pattern QUALIFIED = Pattern.compile("\"[^\"]*\":");

    /** The elements open where the parse is, innermost first. */
    private final Deque<CapXmlReader.Frame> open;
    private final List<Violation> violations;
    /** Elements whose content was already reported: Xerces reports one bad value twice (facet, then type). */
    private final Set<String> valueReported = new HashSet<>();

    CapSchemaErrors(Deque<CapXmlReader.Frame> open, List<Violation> violations) {
        this.open = open;
        this.violations = violations;
    }

    @Override
    public void warning(SAXParseException e) {
        // The CAP schema raises no warnings that matter to a sender.
    }

    @Override
    public void error(SAXParseException e) {
        report(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        report(e);
        throw e;
    }

    private void report(SAXParseException e) {
        Matcher keyed = KEYED.matcher(e.getMessage() == null ? "" : e.getMessage());
        String key = keyed.matches() ? keyed.group(1) : "";
        String message = keyed.matches() ? keyed.group(2) : String.valueOf(e.getMessage());
        CapXmlReader.Frame current = open.peek();
        String path = current == null ? "/" : current.path;
        String name = current == null ? "" : current.name;
        switch (key) {
            case "cvc-complex-type.2.4.a" -> misplaced(e, message, current);
            case "cvc-complex-type.2.4.b" -> incomplete(e, message, path, name);
            case "cvc-complex-type.2.4.d" -> add(path, name + " is not allowed here: nothing more may come in " + parentName(), e);
            case "cvc-complex-type.2.3" -> add(path, name + " may hold only elements, not text", e);
            case "cvc-type.3.1.2" -> badValue(path, name + " may hold only text, not elements", e);
            case "cvc-enumeration-valid" -> badValue(path, enumeration(message), e);
            case "cvc-pattern-valid" -> badValue(path, patternMismatch(name, facetValue(message)), e);
            case "cvc-datatype-valid.1.2.1" -> badValue(path, datatype(message), e);
            case "cvc-type.3.1.3" -> badValue(path, typeValue(message) + " is not a valid " + name, e);
            default -> add(path, QUALIFIED.matcher(message).replaceAll(""), e);
        }
    }

    /** cvc-complex-type.2.4.a: an element where another was expected; usually a required one is missing before it. */
    private void misplaced(SAXParseException e, String message, CapXmlReader.Frame current) {
        CapXmlReader.Frame parent = parent();
        List<String> expected = expected(message);
        Set<String> present = parent == null ? Set.of() : parent.seenBefore();
        String missing = required(expected, present);
        if (parent != null && !missing.isEmpty() && CAP_ELEMENTS.contains(current.name)) {
            add(parent.path, missing + " is required here, before " + current.name, e);
        } else if (!CAP_ELEMENTS.contains(current.name)) {
            add(current.path, current.name + " is not a CAP 1.2 element; expected " + list(expected), e);
        } else {
            add(current.path, current.name + " is not allowed here; expected " + list(expected), e);
        }
    }

    /** cvc-complex-type.2.4.b: the element ended while a required child was still missing. */
    private void incomplete(SAXParseException e, String message, String path, String name) {
        List<String> expected = expected(message);
        String missing = required(expected, Set.of());
        add(path, missing.isEmpty() ? name + " is incomplete; expected " + list(expected) : missing + " is required in " + name, e);
    }

    private void badValue(String path, String detail, SAXParseException e) {
        if (valueReported.add(path)) {
            add(path, detail, e);
        }
    }

    private void add(String path, String detail, SAXParseException e) {
        violations.add(new Violation(path, detail + " " + at(e)));
    }

    private CapXmlReader.Frame parent() {
        return open.stream().skip(1).findFirst().orElse(null);
    }

    private String parentName() {
        CapXmlReader.Frame parent = parent();
        return parent == null ? "the document" : parent.name;
    }

    private static List<String> expected(String message) {
        Matcher m = EXPECTED.matcher(message);
        if (!m.find()) {
            return List.of();
        }
        return Arrays.stream(m.group(1).split(",\\s*"))
                .map(n -> n.startsWith("WC[") ? "an XML signature" : QUALIFIED.matcher(n).replaceAll(""))
                .distinct()
                .toList();
    }

    /** The required elements among those expected that have not appeared yet, e.g. "scope" or "one of event, category". */
    private static String required(List<String> expected, Set<String> present) {
        List<String> missing = expected.stream().filter(REQUIRED::contains).filter(n -> !present.contains(n)).toList();
        return missing.size() <= 1 ? String.join("", missing) : "one of " + String.join(", ", missing);
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "nothing more here" : names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
    }

    private static String enumeration(String message) {
        Matcher m = ENUMERATION.matcher(message);
        return m.find() ? "'" + quote(m.group(1)) + "' is not one of " + m.group(2) : message;
    }

    private static String facetValue(String message) {
        Matcher m = FACET_VALUE.matcher(message);
        return m.find() ? quote(m.group(1)) : "the value";
    }

    /** Only the times and language have patterns in CAP 1.2. */
    private static String patternMismatch(String element, String value) {
        if (TIME_ELEMENTS.contains(element)) {
            return "'" + value + "' is not a CAP time; " + TIME_ADVICE;
        }
        return "'" + value + "' " + ("language".equals(element) ? LANGUAGE_ADVICE : "is not a valid " + element);
    }

    private static String typeValue(String message) {
        Matcher m = TYPE_VALUE.matcher(message);
        return m.find() ? "'" + quote(m.group(1)) + "'" : "the value";
    }

    private static String datatype(String message) {
        Matcher m = DATATYPE.matcher(message);
        if (!m.find()) {
            return message;
        }
        String value = "'" + quote(m.group(1)) + "'";
        return switch (m.group(2)) {
            case "dateTime" -> value + " is not a CAP time; " + TIME_ADVICE;
            case "integer" -> value + " is not a whole number";
            case "decimal" -> value + " is not a decimal number";
            case "language" -> value + " " + LANGUAGE_ADVICE;
            case "anyURI" -> value + " is not a valid URI";
            default -> value + " is not a valid " + m.group(2);
        };
    }

    static String at(SAXParseException e) {
        return position(e.getLineNumber(), e.getColumnNumber());
    }

    static String position(int line, int column) {
        return "(line " + line + ", column " + column + ")";
    }

    static String quote(String value) {
        return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    }
}
