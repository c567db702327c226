package io.banditore.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/** CAP 1.2 XML in and out, against the OASIS examples and real-world alerts in src/test/resources/cap. */
class CapXmlTest {

    private static final Schema CAP12 = schema();

    private final CapXml capXml = new CapXml();

    /** What each valid example holds, counted from the files. */
    record Example(String file, String identifier, String sender, String sent, CapStatus status, MsgType msgType, int references,
            int infos, List<String> languages, int areas, int polygons, int circles, int geocodes, int parameters, int resources) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("Oasis_HomelandAlert.xml", "43b080713727", "hsas@dhs.gov", "2003-04-02T14:39:01-05:00",
                        CapStatus.Actual, MsgType.Alert, 0, 1, List.of("en-US"), 1, 0, 0, 0, 1, 1),
                new Example("Oasis_ThunderstormWarning.xml", "KSTO1055887203", "KSTO@NWS.NOAA.GOV", "2003-06-17T14:57:00-07:00",
                        CapStatus.Actual, MsgType.Alert, 0, 1, List.of("en-US"), 1, 1, 0, 3, 0, 0),
                new Example("Oasis_EarthquakeReport.xml", "TRI13970876.2", "trinet@caltech.edu", "2003-06-11T20:56:00-07:00",
                        CapStatus.Actual, MsgType.Update, 1, 1, List.of("en-US"), 1, 0, 1, 0, 5, 0),
                new Example("Oasis_AmberAlert.xml", "KAR0-0306112239-SW", "KARO@CLETS.DOJ.CA.GOV", "2003-06-11T22:39:00-07:00",
                        CapStatus.Actual, MsgType.Alert, 0, 2, List.of("en-US", "es-US"), 2, 0, 0, 2, 0, 0),
                new Example("PelmorexNAADS_WindWarning.xml", "urn:oid:2.49.0.1.124.3936999913.2019", "cap-pac@canada.ca",
                        "2019-01-09T02:17:03Z", CapStatus.Actual, MsgType.Update, 3, 2, List.of("fr-CA", "en-CA"), 2, 2, 0, 4, 22, 0),
                new Example("canada.cap", "2.49.0.1.124.6bddbc91.2012", "cap@ec.gc.ca", "2012-05-02T23:21:04Z",
                        CapStatus.Actual, MsgType.Update, 2, 2, List.of("en-CA", "fr-CA"), 4, 4, 0, 26, 10, 0),
                new Example("australia.cap", "tag:www.rfs.nsw.gov.au2011-10-06:40184", "webmaster@rfs.nsw.gov.au",
                        "2011-10-05T23:04:00+10:00", CapStatus.Actual, MsgType.Alert, 0, 2, List.of("en-AU", "en-AU"), 2, 0, 2, 2, 14, 2),
                new Example("wcatwc-warning.cap", "PAAQ-2-lqw6d6", "http://newwcatwc.arh.noaa.gov/tsuPortal/", "2011-09-02T11:36:50Z",
                        CapStatus.Actual, MsgType.Update, 1, 1, List.of("en-US"), 1, 0, 0, 2, 38, 3),
                new Example("canada_errors.cap", "2.49.0.1.124.6bddbc91.2012", "cap@ec.gc.ca", "2012-05-02T23:21:04Z",
                        CapStatus.Actual, MsgType.Update, 0, 1, List.of("en-CA"), 1, 1, 0, 1, 0, 0));
    }

    // ---- the examples read

    @ParameterizedTest
    @MethodSource("examples")
    void readsTheKeyFieldsOfEachExample(Example example) {
        Alert alert = read(example.file());

        assertThat(alert.identifier()).isEqualTo(example.identifier());
        assertThat(alert.sender()).isEqualTo(example.sender());
        assertThat(alert.sent()).isEqualTo(OffsetDateTime.parse(example.sent()));
        assertThat(alert.status()).isEqualTo(example.status());
        assertThat(alert.msgType()).isEqualTo(example.msgType());
        assertThat(alert.scope()).isEqualTo(Scope.Public);
        assertThat(alert.referencedAlerts()).hasSize(example.references()).allMatch(Reference::wellFormed);
        assertThat(alert.info()).hasSize(example.infos());
        assertThat(alert.info()).extracting(Info::languageOrDefault).containsExactlyElementsOf(example.languages());
        List<Area> areas = alert.info().stream().flatMap(i -> i.area().stream()).toList();
        assertThat(areas).hasSize(example.areas()).allSatisfy(a -> assertThat(a.areaDesc()).isNotBlank());
        assertThat(areas.stream().mapToInt(a -> a.polygon().size()).sum()).as("polygons").isEqualTo(example.polygons());
        assertThat(areas.stream().mapToInt(a -> a.circle().size()).sum()).as("circles").isEqualTo(example.circles());
        assertThat(areas.stream().mapToInt(a -> a.geocode().size()).sum()).as("geocodes").isEqualTo(example.geocodes());
        assertThat(alert.info().stream().mapToInt(i -> i.parameter().size()).sum()).as("parameters").isEqualTo(example.parameters());
        assertThat(alert.info().stream().mapToInt(i -> i.resource().size()).sum()).as("resources").isEqualTo(example.resources());
    }

    @Test
    void keepsTheOffsetOfEachTime() {
        Alert alert = read("Oasis_EarthquakeReport.xml");

        assertThat(alert.sent().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(alert.sent().toLocalDateTime()).hasToString("2003-06-11T20:56");
        assertThat(read("australia.cap").info().get(0).expires()).isEqualTo(OffsetDateTime.parse("2011-10-06T23:04:00+10:00"));
        assertThat(read("wcatwc-warning.cap").info().get(0).onset()).isEqualTo(OffsetDateTime.parse("2011-09-02T11:36:50Z"));
    }

    @Test
    void readsPolygonsGeocodesAndEventCodes() {
        Info info = read("Oasis_ThunderstormWarning.xml").info().get(0);

        assertThat(info.category()).containsExactly("Met");
        assertThat(info.responseType()).containsExactly("Shelter");
        assertThat(info.eventCode()).containsExactly(new NamedValue("SAME", "SVR"));
        assertThat(info.expires()).isEqualTo(OffsetDateTime.parse("2003-06-17T16:00:00-07:00"));
        assertThat(info.area().get(0).polygon()).containsExactly("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14");
        assertThat(info.area().get(0).geocode()).containsExactly(
                new NamedValue("SAME", "006109"), new NamedValue("SAME", "006009"), new NamedValue("SAME", "006003"));
    }

    @Test
    void readsReferencesCirclesAndParameters() {
        Alert alert = read("Oasis_EarthquakeReport.xml");
        Info info = alert.info().get(0);

        assertThat(alert.references()).isEqualTo("trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00");
        assertThat(alert.referencedAlerts()).containsExactly(
                new Reference("trinet@caltech.edu", "TRI13970876.1", "2003-06-11T20:30:00-07:00"));
        assertThat(info.language()).as("absent: CAP's default applies").isNull();
        assertThat(info.area().get(0).circle()).containsExactly("32.9525,-115.5527 0");
        assertThat(info.parameterValue("Magnitude")).contains("3.4 Ml");
        assertThat(info.web()).isEqualTo("http://www.trinet.org/scsn/scsn.html");
    }

    @Test
    void readsResources() {
        Info info = read("wcatwc-warning.cap").info().get(0);

        assertThat(info.resource()).hasSize(3);
        assertThat(info.resource().get(2)).isEqualTo(new Resource("Event Data as a JSON document", "application/json", null,
                "http://newwcatwc.arh.noaa.gov/tsuPortal/events/PAAQ/2011/09/02/lqw6d6/2/WEPA41/PAAQ.js", null, null));
        assertThat(read("Oasis_HomelandAlert.xml").info().get(0).resource()).containsExactly(
                new Resource("Image file (GIF)", "image/gif", null, "http://www.dhs.gov/dhspublic/getAdvisoryImage", null, null));
    }

    @Test
    void readsTwoLanguagesWithTheirAccents() {
        Alert alert = read("Oasis_AmberAlert.xml");

        assertThat(alert.source()).isEqualTo("SW");
        assertThat(alert.info()).extracting(Info::event).containsExactly("Child Abduction", "Abducción de Niño");
        assertThat(alert.info().get(1).area().get(0).areaDesc()).isEqualTo("condado de Los Ángeles");
    }

    @Test
    void ignoresTheXmlSignatureAndReadsEmptyElementsAsAbsent() {
        Alert alert = read("PelmorexNAADS_WindWarning.xml");
        Info french = alert.info().get(0);

        assertThat(alert.source()).isEqualTo("Env. Can. - Can. Met. Ctr. – Montréal");
        assertThat(alert.code()).hasSize(6).startsWith("profile:CAP-CP:0.4");
        assertThat(alert.note()).contains("d’ECCC");
        assertThat(alert.restriction()).isNull();
        assertThat(alert.addresses()).isNull();
        assertThat(alert.incidents()).isNull();
        assertThat(french.instruction()).isNull();
        assertThat(french.contact()).isNull();
        assertThat(french.audience()).isEqualTo("grand public");
        assertThat(french.description()).as("text is kept as written").startsWith("\nDes vents forts").endsWith("#NSMeteo.\n");
        assertThat(french.parameterValue("layer:EC-MSC-SMC:1.0:Alert_Coverage")).contains("Îles-de-la-Madeleine");
        assertThat(capXml.write(alert)).doesNotContain("Signature", "X509");
    }

    @Test
    void readsAPrefixedDocumentWithEscapedMarkupAndAnEmptyValue() {
        Info info = read("australia.cap").info().get(0);

        assertThat(info.category()).containsExactly("Fire", "Met");
        assertThat(info.description()).startsWith("ALERT LEVEL: Not Applicable<br />LOCATION: 12 Cox Street");
        assertThat(info.parameter()).contains(new NamedValue("AllocatedResources", ""));
        assertThat(info.area().get(0).circle()).containsExactly("-35.3888,147.0598 25.0");
        assertThat(info.area().get(0).geocode()).containsExactly(new NamedValue("http://www.iso.org/iso/country_codes.html", "AU-NSW"));
    }

    @Test
    void readsASchemaValidAlertThatBreaksCapRules() {
        Alert alert = read("canada_errors.cap");

        // Empty references on an Update is for AlertValidator to refuse; the XML itself is valid.
        assertThat(alert.msgType()).isEqualTo(MsgType.Update);
        assertThat(alert.references()).isNull();
        assertThat(alert.info().get(0).responseType()).containsExactly("AllClear");
    }

    // ---- the examples written

    @ParameterizedTest
    @ValueSource(strings = { "Oasis_HomelandAlert.xml", "Oasis_ThunderstormWarning.xml", "Oasis_EarthquakeReport.xml",
            "Oasis_AmberAlert.xml", "PelmorexNAADS_WindWarning.xml", "canada.cap", "australia.cap", "wcatwc-warning.cap",
            "canada_errors.cap" })
    void writesSchemaValidXmlThatReadsBackTheSameAlert(String file) {
        Alert alert = read(file);

        String xml = capXml.write(alert);

        assertValidCap12(xml);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">");
        assertThat(readXml(xml)).isEqualTo(alert);
    }

    @Test
    void leavesEmptyValuesOut() {
        String xml = capXml.write(read("canada.cap"));

        assertThat(xml).doesNotContain("<restriction", "<addresses", "<note", "<incidents", "<contact");
    }

    @Test
    void writesUtcAsMinusZeroToTheSecond() {
        assertThat(capXml.write(read("PelmorexNAADS_WindWarning.xml")))
                .contains("<sent>2019-01-09T02:17:03-00:00</sent>", "<expires>2019-01-09T18:16:03-00:00</expires>")
                .doesNotContain("Z</", "+00:00");

        Alert alert = read("Oasis_HomelandAlert.xml");
        String xml = capXml.write(new Alert(alert.identifier(), alert.sender(),
                OffsetDateTime.of(2024, 1, 22, 10, 30, 15, 123_456_789, ZoneOffset.UTC), alert.status(), alert.msgType(), null,
                alert.scope(), null, null, null, null, null, null, alert.info()));

        assertThat(xml).contains("<sent>2024-01-22T10:30:15-00:00</sent>");
        assertValidCap12(xml);
    }

    @Test
    void keepsOffsetsOtherThanUtc() {
        assertThat(capXml.write(read("australia.cap"))).contains("<sent>2011-10-05T23:04:00+10:00</sent>");
        assertThat(capXml.write(read("Oasis_HomelandAlert.xml"))).contains("<sent>2003-04-02T14:39:01-05:00</sent>");
    }

    @Test
    void roundTripsNonAsciiTextAndXmlSpecialCharactersExactly() {
        String headline = "MESSAGGIO DI TEST — allerta <rossa> & \"evacuazione\" 'subito' à è ì ò ù 🚨🌊 地震警報 ]]> &amp;";
        String description = "Riga 1\r\nRiga 2\tcon tab\n  spazi iniziali, ß Ø Ω, 한국어, العربية";
        Alert homeland = read("Oasis_HomelandAlert.xml");
        Info info = homeland.info().get(0);
        Info changed = new Info("it-IT", info.category(), "Test <radiologico> & nucleare", info.responseType(), info.urgency(),
                info.severity(), info.certainty(), info.audience(), info.eventCode(), info.effective(), info.onset(), info.expires(),
                "Prefettura di Torino – Protezione civile", headline, description, info.instruction(), info.web(), info.contact(),
                List.of(new NamedValue("colore", "arancione"), new NamedValue("nota", "<b>&nbsp;</b> \"citazione\"")),
                info.resource(), List.of(new Area("Chivasso (TO) — Città metropolitana", List.of(), List.of("45.19,7.89 10"),
                        List.of(new NamedValue("ISTAT", "001082")), 250.5, 1000.0)));
        Alert alert = new Alert(homeland.identifier(), homeland.sender(), homeland.sent(), CapStatus.Test, homeland.msgType(), null,
                homeland.scope(), null, null, List.of(), "nota: <tag> & \"virgolette\"", null, null, List.of(changed));

        String xml = capXml.write(alert);

        assertValidCap12(xml);
        assertThat(xml).contains("<headline>MESSAGGIO DI TEST — allerta &lt;rossa&gt; &amp; \"evacuazione\" 'subito'");
        Alert back = readXml(xml);
        assertThat(back).isEqualTo(alert);
        assertThat(back.info().get(0).headline()).isEqualTo(headline);
        assertThat(back.info().get(0).description()).isEqualTo(description);
    }

    // ---- bodies refused

    @Test
    void refusesInvalidCapNamingTheMissingScope() {
        MalformedAlertException e = refused(fixture("invalid.cap"));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.pointer()).isEqualTo("/alert");
            assertThat(v.detail()).startsWith("scope is required here, before info").contains("line 9");
        });
    }

    @Test
    void reportsEverySchemaErrorWithTheXPathOfItsElement() {
        String xml = text("Oasis_ThunderstormWarning.xml")
                .replace("<status>Actual</status>", "<status>Real</status>")
                .replace("<sent>2003-06-17T14:57:00-07:00</sent>", "<sent>2003-06-17T21:57:00Z</sent>")
                .replace("<urgency>Immediate</urgency>", "<urgency>Soon</urgency>")
                .replace("<certainty>Observed</certainty>", "<certainty>Observed</certainty><colour>rossa</colour>")
                .replaceAll("<areaDesc>[^<]*</areaDesc>", "");

        MalformedAlertException e = refused(xml);

        assertThat(e.getMessage()).contains("5 place(s)");
        assertThat(e.violations()).extracting(Violation::pointer).containsExactly(
                "/alert/sent", "/alert/status", "/alert/info[1]/urgency", "/alert/info[1]/colour", "/alert/info[1]/area[1]");
        assertThat(e.violations()).extracting(Violation::detail).satisfiesExactly(
                sent -> assertThat(sent).startsWith("'2003-06-17T21:57:00Z' is not a CAP time").contains("-00:00").contains("line 7"),
                status -> assertThat(status).startsWith("'Real' is not one of Actual, Exercise, System, Test, Draft (line 8, column"),
                urgency -> assertThat(urgency).startsWith("'Soon' is not one of Immediate, Expected, Future, Past, Unknown"),
                colour -> assertThat(colour).startsWith("colour is not a CAP 1.2 element; expected one of audience, eventCode"),
                area -> assertThat(area).startsWith("areaDesc is required here, before polygon"));
    }

    @Test
    void namesAMissingRequiredElementInsideAnInfoBlock() {
        MalformedAlertException e = refused(text("Oasis_EarthquakeReport.xml").replace("<event>Earthquake</event>", ""));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/alert/info[1]");
            assertThat(v.detail()).startsWith("event is required here, before urgency");
        });
    }

    @Test
    void refusesXxeBecauseDoctypeIsNotAllowed() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>
                """;

        MalformedAlertException e = refused(xxe);

        assertThat(e.getMessage()).contains("DOCTYPE is not allowed");
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.detail()).contains("DOCTYPE is not allowed", "line 2"));
        assertThat(e.violations().toString()).doesNotContain("root:");
    }

    @Test
    void refusesBillionLaughsBecauseDoctypeIsNotAllowed() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE alert [" + entities + "]>"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>";

        assertThat(refused(bomb).getMessage()).contains("DOCTYPE is not allowed");
    }

    @Test
    void refusesCap11() {
        String cap11 = text("Oasis_HomelandAlert.xml").replace(CapXml.NAMESPACE, "urn:oasis:names:tc:emergency:cap:1.1");

        MalformedAlertException e = refused(cap11);

        assertThat(e.getMessage()).isEqualTo("Only CAP 1.2 is accepted");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/alert");
            assertThat(v.detail()).contains("only CAP 1.2 is accepted", "CAP 1.1");
        });
    }

    @Test
    void refusesAnAlertWithoutNamespace() {
        String noNamespace = text("Oasis_HomelandAlert.xml").replace(" xmlns = \"" + CapXml.NAMESPACE + "\"", "");

        MalformedAlertException e = refused(noNamespace);

        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.detail()).contains("has no namespace"));
    }

    @Test
    void refusesXmlThatIsNotWellFormedSayingWhere() {
        MalformedAlertException e = refused("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<identifier>x</alert>");

        assertThat(e.getMessage()).isEqualTo("The body is not well-formed XML");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/alert/identifier");
            assertThat(v.detail()).contains("line 2");
        });
    }

    // ---- the JAX-RS provider

    @Test
    void providerReadsAndWritesAlertsAsCapXml() throws IOException {
        CapXmlProvider provider = new CapXmlProvider(capXml);
        MediaType cap = MediaType.valueOf(CapXmlProvider.CAP_XML);

        assertThat(provider.isReadable(Alert.class, Alert.class, null, cap)).isTrue();
        assertThat(provider.isReadable(String.class, String.class, null, cap)).isFalse();
        Alert alert = provider.readFrom(Alert.class, Alert.class, null, cap, null, fixture("Oasis_AmberAlert.xml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(alert, Alert.class, Alert.class, null, cap, null, out);

        assertValidCap12(out.toString(StandardCharsets.UTF_8));
        assertThat(readXml(out.toString(StandardCharsets.UTF_8))).isEqualTo(alert);
    }

    // ---- helpers

    private Alert read(String file) {
        try (InputStream in = fixture(file)) {
            return capXml.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Alert readXml(String xml) {
        return capXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private MalformedAlertException refused(String xml) {
        return refused(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private MalformedAlertException refused(InputStream xml) {
        MalformedAlertException e = catchThrowableOfType(MalformedAlertException.class, () -> capXml.read(xml));
        assertThat(e).as("refused with MalformedAlertException").isNotNull();
        return e;
    }

    private static InputStream fixture(String file) {
        InputStream in = CapXmlTest.class.getClassLoader().getResourceAsStream("cap/" + file);
        assertThat(in).as("fixture cap/" + file).isNotNull();
        return in;
    }

    private static String text(String file) {
        try (InputStream in = fixture(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertValidCap12(String xml) {
        assertThatCode(() -> CAP12.newValidator().validate(new StreamSource(new StringReader(xml))))
                .as("valid against cap12.xsd:%n%s", xml)
                .doesNotThrowAnyException();
    }

    private static Schema schema() {
        URL xsd = CapXmlTest.class.getClassLoader().getResource("cap/cap12.xsd");
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
