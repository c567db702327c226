package io.banditore.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * CAP 1.2 XML in and out. Reading ({@link CapXmlReader}) refuses DTDs outright, validates against the OASIS schema and
 * reports every schema error with an XPath to the element at fault ({@link CapSchemaErrors}); writing
 * ({@link CapXmlWriter}) produces schema-valid CAP 1.2 in UTF-8.
 */
@ApplicationScoped
public class CapXml {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    private final CapXmlReader reader = new CapXmlReader();

    /**
     * Reads one CAP 1.2 alert.
     *
     * @throws MalformedAlertException when the body is not well-formed, declares a DTD, is not CAP 1.2 or breaks the schema
     */
    public Alert read(InputStream xml) {
        return reader.read(xml);
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
        return CapXmlWriter.write(alert);
    }
}
