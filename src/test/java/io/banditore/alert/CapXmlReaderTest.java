package io.banditore.alert;

import static io.banditore.alert.CapXmlFiles.CAP_XML;
import static io.banditore.alert.CapXmlFiles.read;
import static io.banditore.alert.CapXmlFiles.refused;
import static io.banditore.alert.CapXmlFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading CAP 1.2 XML: the OASIS examples and real-world alerts in src/test/resources/cap, and bodies refused before the schema is asked (DTDs, other CAP versions, XML that is not well-formed). */
class CapXmlReaderTest {

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
        assertThat(CAP_XML.write(alert)).doesNotContain("Signature", "X509");
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

    // ---- bodies refused before the schema is asked

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
}
