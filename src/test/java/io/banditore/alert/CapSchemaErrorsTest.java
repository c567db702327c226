package io.banditore.alert;

import static io.banditore.alert.CapXmlFiles.fixture;
import static io.banditore.alert.CapXmlFiles.refused;
import static io.banditore.alert.CapXmlFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a sender reads when an alert breaks the CAP 1.2 schema: every error, in words, with the XPath of its element. */
class CapSchemaErrorsTest {

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
}
