package io.banditore.acceptance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import io.banditore.alert.Alert;
import io.banditore.alert.CapXml;
import io.banditore.alert.MsgType;
import io.banditore.alert.Reference;
import io.banditore.support.Api;
import io.banditore.support.CapExamples;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CAP 1.2 XML at the intake: the shared examples go in, come back as schema-valid CAP, and bad or hostile XML is refused. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class CapIntakeIT {

    static final java.util.List<String> EXAMPLES = CapExamples.VALID;
    private final CapXml capXml = new CapXml();

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void eachSharedExampleIsAcceptedAndReadBackAsSchemaValidCap(String name) throws Exception {
        String xml = CapExamples.current(name);
        Alert alert = capXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        if (alert.msgType() == MsgType.Update || alert.msgType() == MsgType.Cancel) {
            // An Update must reference an alert that exists: post and approve what it references first.
            for (Reference ref : alert.referencedAlerts()) {
                Alert original = new Alert(ref.identifier(), ref.sender(), alert.sent().minusMinutes(5), alert.status(), MsgType.Alert,
                        alert.source(), alert.scope(), alert.restriction(), alert.addresses(), alert.code(), null, null, null, alert.info());
                String location = postXml(capXml.write(original)).then().statusCode(202).extract().header("Location");
                Api.approve(location, "giulia.bianchi").then().statusCode(200);
            }
        }
        Response posted = postXml(xml);
        posted.then().log().ifValidationFails().statusCode(202).body("identifier", is(alert.identifier())).body("sender", is(alert.sender()));

        String readBack = given().header("Authorization", Tokens.of("oncall", "viewer")).accept("application/cap+xml")
                .get(posted.header("Location")).then().statusCode(200).contentType("application/cap+xml").extract().asString();
        validateAgainstCapSchema(readBack);
        assertThat(capXml.read(new ByteArrayInputStream(readBack.getBytes(StandardCharsets.UTF_8)))).isEqualTo(alert);
    }

    @Test
    void xmlThatIsNotValidCapIsRefusedWithTheElementAtFault() {
        postXml(CapExamples.current("invalid.cap")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", is("/alert")).body("errors[0].detail", containsString("scope is required"));
    }

    @Test
    void schemaValidXmlThatBreaksCapRulesIsRefusedWithTheReasons() {
        postXml(CapExamples.current("canada_errors.cap")).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/references"))
                .body("errors.detail", hasItem(containsString("is required for a Update")));
    }

    @Test
    void xxeAndBillionLaughsAreRefusedAtOnce() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>";
        postXml(xxe).then().statusCode(400).contentType("application/problem+json").body("detail", containsString("DOCTYPE is not allowed"));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>");
        postXml(laughs.toString()).then().statusCode(400).body("detail", containsString("DOCTYPE is not allowed"));
    }

    @Test
    void capOnePointOneIsRefusedSayingWhichVersionIsTaken() {
        String xml = CapExamples.current("Oasis_HomelandAlert.xml").replace("emergency:cap:1.2", "emergency:cap:1.1");
        postXml(xml).then().statusCode(400).body("detail", containsStringIgnoringCase("only CAP 1.2 is accepted"));
    }

    private static Response postXml(String xml) {
        return given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType("application/cap+xml")
                .body(xml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/alerts");
    }

    private static void validateAgainstCapSchema(String xml) throws Exception {
        URL xsd = CapIntakeIT.class.getClassLoader().getResource("cap/cap12.xsd");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(xsd).newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
