package io.banditore.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/** The CAP files of src/test/resources/cap, read and checked the way the CAP XML tests need. */
final class CapXmlFiles {

    static final CapXml CAP_XML = new CapXml();
    private static final Schema CAP12 = schema();

    private CapXmlFiles() {
    }

    static Alert read(String file) {
        try (InputStream in = fixture(file)) {
            return CAP_XML.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Alert readXml(String xml) {
        return CAP_XML.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static MalformedAlertException refused(String xml) {
        return refused(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static MalformedAlertException refused(InputStream xml) {
        MalformedAlertException e = catchThrowableOfType(MalformedAlertException.class, () -> CAP_XML.read(xml));
        assertThat(e).as("refused with MalformedAlertException").isNotNull();
        return e;
    }

    static InputStream fixture(String file) {
        InputStream in = CapXmlFiles.class.getClassLoader().getResourceAsStream("cap/" + file);
        assertThat(in).as("fixture cap/" + file).isNotNull();
        return in;
    }

    static String text(String file) {
        try (InputStream in = fixture(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValidCap12(String xml) {
        assertThatCode(() -> CAP12.newValidator().validate(new StreamSource(new StringReader(xml))))
                .as("valid against cap12.xsd:%n%s", xml)
                .doesNotThrowAnyException();
    }

    static Schema schema() {
        URL xsd = CapXmlFiles.class.getClassLoader().getResource("cap/cap12.xsd");
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }
}
