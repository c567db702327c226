package io.banditore.alert;

import static io.banditore.alert.CapXmlFiles.CAP_XML;
import static io.banditore.alert.CapXmlFiles.assertValidCap12;
import static io.banditore.alert.CapXmlFiles.read;
import static io.banditore.alert.CapXmlFiles.readXml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing CAP 1.2 XML: schema-valid, and read back as the same alert. */
class CapXmlWriterTest {

    @ParameterizedTest
    @ValueSource(strings = { "Oasis_HomelandAlert.xml", "Oasis_ThunderstormWarning.xml", "Oasis_EarthquakeReport.xml",
            "Oasis_AmberAlert.xml", "PelmorexNAADS_WindWarning.xml", "canada.cap", "australia.cap", "wcatwc-warning.cap",
            "canada_errors.cap" })
    void writesSchemaValidXmlThatReadsBackTheSameAlert(String file) {
        Alert alert = read(file);

        String xml = CAP_XML.write(alert);

        assertValidCap12(xml);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">");
        assertThat(readXml(xml)).isEqualTo(alert);
    }

    @Test
    void leavesEmptyValuesOut() {
        String xml = CAP_XML.write(read("canada.cap"));

        assertThat(xml).doesNotContain("<restriction", "<addresses", "<note", "<incidents", "<contact");
    }

    @Test
    void writesUtcAsMinusZeroToTheSecond() {
        assertThat(CAP_XML.write(read("PelmorexNAADS_WindWarning.xml")))
                .contains("<sent>2019-01-09T02:17:03-00:00</sent>", "<expires>2019-01-09T18:16:03-00:00</expires>")
                .doesNotContain("Z</", "+00:00");

        Alert alert = read("Oasis_HomelandAlert.xml");
        String xml = CAP_XML.write(new Alert(alert.identifier(), alert.sender(),
                OffsetDateTime.of(2024, 1, 22, 10, 30, 15, 123_456_789, ZoneOffset.UTC), alert.status(), alert.msgType(), null,
                alert.scope(), null, null, null, null, null, null, alert.info()));

        assertThat(xml).contains("<sent>2024-01-22T10:30:15-00:00</sent>");
        assertValidCap12(xml);
    }

    @Test
    void keepsOffsetsOtherThanUtc() {
        assertThat(CAP_XML.write(read("australia.cap"))).contains("<sent>2011-10-05T23:04:00+10:00</sent>");
        assertThat(CAP_XML.write(read("Oasis_HomelandAlert.xml"))).contains("<sent>2003-04-02T14:39:01-05:00</sent>");
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

        String xml = CAP_XML.write(alert);

        assertValidCap12(xml);
        assertThat(xml).contains("<headline>MESSAGGIO DI TEST — allerta &lt;rossa&gt; &amp; \"evacuazione\" 'subito'");
        Alert back = readXml(xml);
        assertThat(back).isEqualTo(alert);
        assertThat(back.info().get(0).headline()).isEqualTo(headline);
        assertThat(back.info().get(0).description()).isEqualTo(description);
    }
}
