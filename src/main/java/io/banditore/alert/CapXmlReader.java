package io.banditore.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads CAP 1.2 XML: refuses DTDs outright, validates against the OASIS schema while keeping the XPath of every open
 * element (so that {@link CapSchemaErrors} can name the element at fault), and builds the alert from what was read.
 */
final class CapXmlReader {

    private static final String SCHEMA_RESOURCE = "cap/cap12.xsd";
    /** Xerces' property for the language of its messages: CapSchemaErrors expects English. */
    private static final String XERCES_LOCALE = "http://apache.org/xml/properties/locale";
    private static final Set<String> REPEATABLE = Set.of("code", "info", "category", "responseType", "eventCode", "parameter",
            "resource", "area", "polygon", "circle", "geocode");
    private static final Map<String, String> OTHER_CAP_VERSIONS = Map.of(
            "urn:oasis:names:tc:emergency:cap:1.1", "CAP 1.1",
            "http://www.incident.com/cap/1.0", "CAP 1.0");

    private final Schema schema = loadSchema();

    /**
     * Reads one CAP 1.2 alert.
     *
     * @throws MalformedAlertException when the body is not well-formed, declares a DTD, is not CAP 1.2 or breaks the schema
     */
    Alert read(InputStream xml) {
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
        Alert alert = CapElement.toAlert(reading.root, problems);
        if (!problems.isEmpty()) {
            throw new MalformedAlertException("The alert holds values that cannot be read", problems);
        }
        return alert;
    }

    private static Schema loadSchema() {
        URL xsd = CapXmlReader.class.getClassLoader().getResource(SCHEMA_RESOURCE);
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
        String where = CapSchemaErrors.at(e);
        if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
            return new MalformedAlertException("DOCTYPE is not allowed in a CAP alert",
                    List.of(new Violation("/", "DOCTYPE is not allowed: a CAP alert declares no DTD and no entities " + where)));
        }
        return new MalformedAlertException("The body is not well-formed XML",
                List.of(new Violation(path, "not well-formed XML: " + e.getMessage() + " " + where)));
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
        private CapElement root;
        private Locator locator;

        Reading(ValidatorHandler validator) {
            this.validator = validator;
            validator.setErrorHandler(new CapSchemaErrors(open, violations));
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
            CapElement node = null;
            if (CapXml.NAMESPACE.equals(uri) && (parent == null || parent.node != null)) {
                node = new CapElement(localName, path, locator == null ? "" : CapSchemaErrors.position(locator.getLineNumber(), locator.getColumnNumber()));
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
            if (!CapXml.NAMESPACE.equals(uri)) {
                String version = OTHER_CAP_VERSIONS.get(uri);
                String found = version != null ? "this is " + version + " (" + uri + ")"
                        : uri.isEmpty() ? "the root element has no namespace" : "the root element is in namespace " + uri;
                throw new MalformedAlertException("Only CAP 1.2 is accepted", List.of(new Violation("/" + localName,
                        "only CAP 1.2 is accepted: " + found + "; CAP 1.2 alerts are in namespace " + CapXml.NAMESPACE)));
            }
            if (!"alert".equals(localName)) {
                throw new MalformedAlertException("The root element must be alert", List.of(new Violation("/" + localName,
                        "the root element of a CAP message is alert, not " + localName)));
            }
        }
    }

    /** An open element while parsing: its XPath, how many children of each name it has had, and its tree node. */
    static final class Frame {

        final String name;
        final String path;
        final CapElement node;
        private final Map<String, Integer> childCounts = new HashMap<>();
        private final List<String> childOrder = new ArrayList<>();

        Frame(String name, String path, CapElement node) {
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
