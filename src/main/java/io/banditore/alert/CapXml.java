package io.banditore.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import jakarta.enterprise.context.ApplicationScoped;

import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * CAP 1.2 XML in and out. Reading refuses DTDs outright, validates against the OASIS schema and reports every schema
 * error with an XPath to the element at fault; writing produces schema-valid CAP 1.2 in UTF-8.
 */
@ApplicationScoped
public class CapXml {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final String SCHEMA_RESOURCE = "cap/cap12.xsd";
    /** Xerces' property for the language of its messages: the rewriting below expects English. */
    private static final String XERCES_LOCALE = "http://apache.org/xml/properties/locale";
    private static final Set<String> REPEATABLE = Set.of("code", "info", "category", "responseType", "eventCode", "parameter",
            "resource", "area", "polygon", "circle", "geocode");
    private static final Set<String> REQUIRED = Set.of("identifier", "sender", "sent", "status", "msgType", "scope", "category",
            "event", "urgency", "severity", "certainty", "valueName", "value", "resourceDesc", "mimeType", "areaDesc");
    private static final Set<String> CAP_ELEMENTS = Set.of("alert", "identifier", "sender", "sent", "status", "msgType", "source",
            "scope", "restriction", "addresses", "code", "note", "references", "incidents", "info", "language", "category", "event",
            "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective", "onset", "expires",
            "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area", "valueName",
            "value", "resourceDesc", "mimeType", "size", "uri", "derefUri", "digest", "areaDesc", "polygon", "circle", "geocode",
            "altitude", "ceiling");
    private static final Map<String, String> OTHER_CAP_VERSIONS = Map.of(
            "urn:oasis:names:tc:emergency:cap:1.1", "CAP 1.1",
            "http://www.incident.com/cap/1.0", "CAP 1.0");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    /** CAP forbids offsets with seconds, and XML Schema offsets beyond 14 hours. */
    private static final int MAX_OFFSET_SECONDS = 14 * 3600;
    private static final int MAX_QUOTED = 80;
    private static final Set<String> TIME_ELEMENTS = Set.of("sent", "effective", "onset", "expires");
    private static final String TIME_ADVICE = "CAP times look like 2003-06-11T20:56:00-07:00 (whole seconds and an offset; UTC is -00:00)";
    private static final String LANGUAGE_ADVICE = "is not a language tag such as en-US or it-IT";

    private final Schema schema;

    public CapXml() {
        this.schema = loadSchema();
    }

    /**
     * Reads one CAP 1.2 alert.
     *
     * @throws MalformedAlertException when the body is not well-formed, declares a DTD, is not CAP 1.2 or breaks the schema
     */
    public Alert read(InputStream xml) {
        Reading reading = new Reading(newValidatorHandler());
        XMLReader reader = newReader();
        reader.setContentHandler(reading);
        reader.setErrorHandler(new Strict());
        try {
            reader.parse(new InputSource(xml));
        } catch (SAXParseException e) {
            throw notWellFormed(e, reading.currentPath());
        } catch (SAXException e) {
            throw new MalformedAlertException("The body could not be read as XML", List.of(new Violation("/", e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the CAP body", e);
        }
        if (!reading.violations.isEmpty()) {
            throw new MalformedAlertException("The alert breaks the CAP 1.2 schema in " + reading.violations.size() + " place(s)",
                    reading.violations);
        }
        List<Violation> problems = new ArrayList<>();
        Alert alert = alert(reading.root, problems);
        if (!problems.isEmpty()) {
            throw new MalformedAlertException("The alert holds values that cannot be read", problems);
        }
        return alert;
    }

    /** Writes the alert as CAP 1.2 XML in UTF-8. */
    public void write(Alert alert, OutputStream out) throws IOException {
        out.write(write(alert).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The alert as a CAP 1.2 XML document, elements in the schema's order, absent and empty values left out.
     *
     * @throws IllegalArgumentException when the alert lacks something CAP requires and XML cannot do without (a time, an enumerated value)
     */
    public String write(Alert alert) {
        CapWriter w = new CapWriter();
        w.open("alert", NAMESPACE);
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

    // ---- writing

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

    // ---- reading: the element tree into records

    private static Alert alert(Node a, List<Violation> problems) {
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

    private static Info info(Node i, List<Violation> problems) {
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
                i.all("area").stream().map(CapXml::area).toList());
    }

    private static Resource resource(Node r, List<Violation> problems) {
        Long size = null;
        Node sizeNode = r.first("size");
        if (sizeNode != null) {
            try {
                size = Long.valueOf(sizeNode.text.toString().trim());
            } catch (NumberFormatException e) {
                problems.add(unreadable(sizeNode, "'" + quote(sizeNode.text.toString().trim()) + "' bytes is too large a size"));
            }
        }
        return new Resource(r.text("resourceDesc"), r.text("mimeType"), size, r.token("uri"), r.text("derefUri"), r.text("digest"));
    }

    private static Area area(Node a) {
        return new Area(a.text("areaDesc"), a.texts("polygon"), a.texts("circle"), namedValues(a, "geocode"),
                decimalValue(a, "altitude"), decimalValue(a, "ceiling"));
    }

    private static List<NamedValue> namedValues(Node parent, String name) {
        return parent.all(name).stream().map(n -> new NamedValue(n.exactText("valueName"), n.exactText("value"))).toList();
    }

    private static <E extends Enum<E>> E enumValue(Node parent, String name, Function<String, E> valueOf) {
        String text = parent.text(name);
        return text == null ? null : valueOf.apply(text);
    }

    private static Double decimalValue(Node parent, String name) {
        Node node = parent.first(name);
        // The schema has checked the xs:decimal syntax, which Double's parser accepts.
        return node == null ? null : Double.valueOf(node.text.toString().trim());
    }

    private static OffsetDateTime time(Node parent, String name, List<Violation> problems) {
        Node node = parent.first(name);
        if (node == null) {
            return null;
        }
        String text = node.text.toString().trim();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            // XML Schema allows what java.time does not, such as 24:00:00.
            problems.add(unreadable(node, "'" + quote(text) + "' is not a time that can be used; " + TIME_ADVICE));
            return null;
        }
    }

    private static Violation unreadable(Node node, String detail) {
        return new Violation(node.path, detail + " " + node.position);
    }

    /** A CAP element as read: its XPath, where it starts, its text and its CAP children (elements of other namespaces are left out). */
    private static final class Node {

        final String name;
        final String path;
        final String position;
        final StringBuilder text = new StringBuilder();
        final List<Node> children = new ArrayList<>();

        Node(String name, String path, String position) {
            this.name = name;
            this.path = path;
            this.position = position;
        }

        Node first(String child) {
            return children.stream().filter(c -> c.name.equals(child)).findFirst().orElse(null);
        }

        List<Node> all(String child) {
            return children.stream().filter(c -> c.name.equals(child)).toList();
        }

        /** The child's text as written, or null when absent or blank: CAP senders write empty elements for "none". */
        String text(String child) {
            Node node = first(child);
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
            Node node = first(child);
            return node == null ? "" : node.text.toString();
        }
    }

    // ---- reading: parsing, validation and readable errors

    private static Schema loadSchema() {
        URL xsd = CapXml.class.getClassLoader().getResource(SCHEMA_RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException("The CAP 1.2 schema is missing from the classpath: " + SCHEMA_RESOURCE);
        }
        try (InputStream in = xsd.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("The CAP 1.2 schema cannot be loaded from " + SCHEMA_RESOURCE, e);
        }
    }

    /** Schema is thread-safe; a ValidatorHandler is not, hence one per read. */
    private ValidatorHandler newValidatorHandler() {
        ValidatorHandler validator = schema.newValidatorHandler();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setProperty(XERCES_LOCALE, Locale.ENGLISH);
        } catch (SAXException e) {
            throw new IllegalStateException("The XML validator refuses a hardening property", e);
        }
        return validator;
    }

    /** A parser that refuses any DOCTYPE, so neither external entities (XXE) nor entity expansion (billion laughs) can happen. */
    private static XMLReader newReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            reader.setProperty(XERCES_LOCALE, Locale.ENGLISH);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser refuses a hardening feature", e);
        }
    }

    private static MalformedAlertException notWellFormed(SAXParseException e, String path) {
        String where = at(e);
        if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
            return new MalformedAlertException("DOCTYPE is not allowed in a CAP alert",
                    List.of(new Violation("/", "DOCTYPE is not allowed: a CAP alert declares no DTD and no entities " + where)));
        }
        return new MalformedAlertException("The body is not well-formed XML",
                List.of(new Violation(path, "not well-formed XML: " + e.getMessage() + " " + where)));
    }

    private static String at(SAXParseException e) {
        return position(e.getLineNumber(), e.getColumnNumber());
    }

    private static String position(int line, int column) {
        return "(line " + line + ", column " + column + ")";
    }

    private static String quote(String value) {
        return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    }

    /** Well-formedness errors stop the parse at once. */
    private static final class Strict implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a body unreadable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /**
     * Passes the parse to the schema validator while keeping, for each open element, its XPath, so that each schema error
     * names the element at fault; builds the tree of CAP elements on the way.
     */
    private static final class Reading extends DefaultHandler {

        private final ValidatorHandler validator;
        private final Deque<Frame> open = new ArrayDeque<>();
        private final List<Violation> violations = new ArrayList<>();
        /** Elements whose content was already reported: Xerces reports one bad value twice (facet, then type). */
        private final Set<String> valueReported = new HashSet<>();
        private Node root;
        private Locator locator;

        Reading(ValidatorHandler validator) {
            this.validator = validator;
            validator.setErrorHandler(new SchemaErrors());
        }

        String currentPath() {
            return open.isEmpty() ? "/" : open.peek().path;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            validator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            validator.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            Frame parent = open.peek();
            if (parent == null) {
                refuseUnlessCap12Alert(uri, localName);
            }
            String path = parent == null ? "/" + localName : parent.childPath(localName);
            Node node = null;
            if (NAMESPACE.equals(uri) && (parent == null || parent.node != null)) {
                node = new Node(localName, path, locator == null ? "" : position(locator.getLineNumber(), locator.getColumnNumber()));
                if (parent == null) {
                    root = node;
                } else {
                    parent.node.children.add(node);
                }
            }
            open.push(new Frame(localName, path, node));
            validator.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            validator.endElement(uri, localName, qName);
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            validator.characters(ch, start, length);
            Frame current = open.peek();
            if (current != null && current.node != null) {
                current.node.text.append(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            validator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator.processingInstruction(target, data);
        }

        private static void refuseUnlessCap12Alert(String uri, String localName) {
            if (!NAMESPACE.equals(uri)) {
                String version = OTHER_CAP_VERSIONS.get(uri);
                String found = version != null ? "this is " + version + " (" + uri + ")"
                        : uri.isEmpty() ? "the root element has no namespace" : "the root element is in namespace " + uri;
                throw new MalformedAlertException("Only CAP 1.2 is accepted", List.of(new Violation("/" + localName,
                        "only CAP 1.2 is accepted: " + found + "; CAP 1.2 alerts are in namespace " + NAMESPACE)));
            }
            if (!"alert".equals(localName)) {
                throw new MalformedAlertException("The root element must be alert", List.of(new Violation("/" + localName,
                        "the root element of a CAP message is alert, not " + localName)));
            }
        }

        /** Turns Xerces' cvc-* messages into words an operator can act on, with the element's XPath and the position. */
        private final class SchemaErrors implements ErrorHandler {

            private static final Pattern KEYED = Pattern.compile("(cvc-[\\w.-]+): (.*)", Pattern.DOTALL);
            private static final Pattern EXPECTED = Pattern.compile("One of '\\{(.*)\\}' is expected");
            private static final Pattern ENUMERATION = Pattern.compile(
                    "Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)\\]'", Pattern.DOTALL);
            private static final Pattern FACET_VALUE = Pattern.compile("Value '(.*)' is not facet-valid", Pattern.DOTALL);
            private static final Pattern DATATYPE = Pattern.compile("'(.*)' is not a valid value for '(.*)'", Pattern.DOTALL);
            private static final Pattern TYPE_VALUE = Pattern.compile("The value '(.*)' of element", Pattern.DOTALL);
            /** How Xerces names an element of a namespace: "urn:...":name */
            private static final Pattern QUALIFIED = Pattern.compile("\"[^\"]*\":");

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
                Frame current = open.peek();
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
            private void misplaced(SAXParseException e, String message, Frame current) {
                Frame parent = parent();
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

            private Frame parent() {
                return open.stream().skip(1).findFirst().orElse(null);
            }

            private String parentName() {
                Frame parent = parent();
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
        }
    }

    /** An open element while parsing: its XPath, how many children of each name it has had, and its tree node. */
    private static final class Frame {

        final String name;
        final String path;
        final Node node;
        private final Map<String, Integer> childCounts = new HashMap<>();
        private final List<String> childOrder = new ArrayList<>();

        Frame(String name, String path, Node node) {
            this.name = name;
            this.path = path;
            this.node = node;
        }

        /** Repeatable CAP elements are always indexed (/alert/info[1]); others only from their second occurrence. */
        String childPath(String child) {
            int count = childCounts.merge(child, 1, Integer::sum);
            childOrder.add(child);
            return path + "/" + child + (REPEATABLE.contains(child) || count > 1 ? "[" + count + "]" : "");
        }

        /** The names of the children that came before the latest one. */
        Set<String> seenBefore() {
            return new HashSet<>(childOrder.subList(0, Math.max(0, childOrder.size() - 1)));
        }
    }
}
