package io.banditore.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The public CAP feed as an aggregator reads it: with a stock Atom reader (Rome), no token, every linked document
 * checked against the OASIS CAP 1.2 schema.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class CapFeedIT {

    private static final Schema CAP12 = capSchema();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anApprovedActualAlertIsInTheFeedWithItsCapDocumentAndAPendingOneIsNot() throws Exception {
        ObjectNode alert = fixture();
        String location = Api.post(alert.toString(), "mario.rossi").then().statusCode(202).extract().header("Location");
        String id = idOf(location);
        assertThat(entry(feed("/cap/feed.atom"), id)).as("pending approval").isEmpty();
        given().get("/cap/alerts/" + id + ".xml").then().statusCode(404).contentType("application/problem+json");

        Api.approve(location, "giulia.bianchi").then().statusCode(200);
        SyndFeed feed = feed("/cap/feed.atom");
        SyndEntry entry = entry(feed, id).orElseThrow();
        assertThat(entry.getTitle()).isEqualTo("Allerta arancione per piogge intense");
        assertThat(entry.getDescription().getValue()).startsWith("Precipitazioni intense");
        assertThat(entry.getUpdatedDate()).isNotNull();
        assertThat(entry.getAuthor()).isEqualTo("Prefettura di Torino");
        String cap = capDocument(entry);
        assertThat(cap).contains("<identifier>" + alert.path("identifier").asText() + "</identifier>", "<status>Actual</status>");
        assertThat(entry(feed("/cap/feed-test.atom"), id)).as("an Actual alert in the test feed").isEmpty();
    }

    @Test
    void everyLinkedDocumentOfBothFeedsIsValidCap() throws Exception {
        String actual = Api.post(fixture().toString(), "mario.rossi").header("Location");
        Api.approve(actual, "giulia.bianchi").then().statusCode(200);
        Api.postExercise(a -> { }, "001082");
        for (String path : List.of("/cap/feed.atom", "/cap/feed-test.atom", "/cap/feed.atom?lang=en", "/cap/feed.atom?area=001")) {
            SyndFeed feed = feed(path);
            assertThat(feed.getEntries()).as(path).isNotEmpty();
            for (SyndEntry entry : feed.getEntries()) {
                capDocument(entry);
            }
        }
    }

    @Test
    void testsAndExercisesHaveTheirOwnFeedAndSaySoEverywhere() throws Exception {
        String location = Api.postExercise(a -> { }, "001082");
        String id = idOf(location);
        assertThat(entry(feed("/cap/feed.atom"), id)).as("an Exercise among real alerts").isEmpty();
        SyndEntry entry = entry(feed("/cap/feed-test.atom"), id).orElseThrow();
        assertThat(entry.getTitle()).startsWith("ESERCITAZIONE – non è un'allerta reale: ");
        assertThat(entry.getDescription().getValue()).startsWith("ESERCITAZIONE – non è un'allerta reale: ");
        assertThat(capDocument(entry)).contains("<status>Exercise</status>");
        SyndEntry english = entry(feed("/cap/feed-test.atom?lang=en"), id).orElseThrow();
        assertThat(english.getTitle()).as("an Italian-only alert keeps its own words, and its label")
                .startsWith("ESERCITAZIONE – non è un'allerta reale: ");
    }

    @Test
    void aCancelReplacesWhatItWithdrawsUntilThatWouldHaveExpired() throws Exception {
        String expires = OffsetDateTime.now(ZoneId.of("Europe/Rome")).truncatedTo(ChronoUnit.SECONDS).plusSeconds(15)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        ObjectNode[] original = new ObjectNode[1];
        String location = Api.postExercise(a -> {
            ((ObjectNode) a.path("info").get(0)).put("expires", expires);
            original[0] = a;
        }, "001082");
        String id = idOf(location);
        assertThat(entry(feed("/cap/feed-test.atom"), id)).isPresent();

        // CAP's usual Cancel: no info of its own, written from the alert it withdraws.
        ObjectNode cancel = original[0].deepCopy();
        cancel.put("identifier", original[0].path("identifier").asText() + "-revoca");
        cancel.put("msgType", "Cancel");
        cancel.put("references", original[0].path("sender").asText() + "," + original[0].path("identifier").asText() + ","
                + original[0].path("sent").asText());
        cancel.remove("info");
        Response posted = Api.post(cancel.toString(), "mario.rossi");
        posted.then().statusCode(202);
        String cancelId = idOf(posted.header("Location"));

        await().atMost(Duration.ofSeconds(10)).until(() -> entry(feed("/cap/feed-test.atom"), id).isEmpty());
        SyndEntry revoca = entry(feed("/cap/feed-test.atom"), cancelId).orElseThrow();
        assertThat(revoca.getTitle()).isEqualTo("ESERCITAZIONE – non è un'allerta reale – REVOCA: Allerta arancione per piogge intense");
        assertThat(capDocument(revoca)).contains("<msgType>Cancel</msgType>").doesNotContain("<info>");
        assertThat(entry(feed("/cap/feed-test.atom?area=001082"), cancelId)).as("the Cancel concerns the withdrawn alert's area").isPresent();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> entry(feed("/cap/feed-test.atom"), cancelId).isEmpty());
        assertThat(OffsetDateTime.now()).as("the Cancel left only once the alert it withdrew would have expired")
                .isAfterOrEqualTo(OffsetDateTime.parse(expires));
        // The documents stay readable by anyone who followed the links meanwhile.
        given().get("/cap/alerts/" + cancelId + ".xml").then().statusCode(200);
    }

    @Test
    void anAreaShowsTheAlertsConcerningItOnly() throws Exception {
        String id = idOf(Api.postExercise(a -> { }, "001082"));
        for (String area : List.of("001082", "001", "01")) {
            assertThat(entry(feed("/cap/feed-test.atom?area=" + area), id)).as(area).isPresent();
        }
        for (String area : List.of("032006", "032", "06", "001125")) {
            assertThat(entry(feed("/cap/feed-test.atom?area=" + area), id)).as(area).isEmpty();
        }
        given().get("/cap/feed.atom?area=Chivasso").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("area"));
        given().get("/cap/feed.atom?area=999").then().statusCode(400);
        given().get("/cap/feed.atom?lang=fr").then().statusCode(400).body("errors.pointer", hasItem("lang"));
        given().get("/cap/feed.atom?page=not-a-page").then().statusCode(400).body("errors.pointer", hasItem("page"));
    }

    @Test
    void anEnglishBlockGivesTheEnglishFeedItsWords() throws Exception {
        String id = idOf(Api.postExercise(a -> {
            ObjectNode english = a.path("info").get(0).deepCopy();
            english.put("language", "en-GB").put("headline", "Orange alert for heavy rain").put("description", "Heavy, persistent rain.");
            a.withArray("info").add(english);
        }, "001082"));
        assertThat(entry(feed("/cap/feed-test.atom?lang=en"), id).orElseThrow().getTitle())
                .isEqualTo("EXERCISE – not a real alert: Orange alert for heavy rain");
        assertThat(entry(feed("/cap/feed-test.atom?lang=it"), id).orElseThrow().getTitle())
                .isEqualTo("ESERCITAZIONE – non è un'allerta reale: Allerta arancione per piogge intense");
        assertThat(feed("/cap/feed-test.atom?lang=en").getTitle()).isEqualTo("Banditore: tests and exercises, not real alerts");
    }

    @Test
    void aRestrictedOrPrivateAlertIsNeverInAPublicFeed() throws Exception {
        String id = idOf(Api.postExercise(a -> a.put("scope", "Restricted").put("restriction", "Solo per i sindaci"), "001082"));
        assertThat(entry(feed("/cap/feed-test.atom"), id)).isEmpty();
        given().get("/cap/alerts/" + id + ".xml").then().statusCode(404);
    }

    @Test
    void aReaderThatHasTheFeedAlreadyIsAnswered304AndTheFeedSaysHowLongToKeepIt() {
        Api.postExercise(a -> { }, "001082");
        Response first = given().get("/cap/feed-test.atom");
        first.then().statusCode(200).contentType("application/atom+xml");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.header("Cache-Control")).contains("max-age=30");
        given().header("If-None-Match", etag).get("/cap/feed-test.atom").then().statusCode(304);

        Api.postExercise(a -> { }, "001082");
        Response changed = given().header("If-None-Match", etag).get("/cap/feed-test.atom");
        changed.then().statusCode(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    // ---- helpers

    private ObjectNode fixture() throws Exception {
        return (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
    }

    private static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The feed as Rome reads it, fetched with no token. */
    static SyndFeed feed(String path) throws Exception {
        byte[] body = given().get(path).then().statusCode(200).contentType("application/atom+xml").extract().asByteArray();
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
    }

    static Optional<SyndEntry> entry(SyndFeed feed, String id) {
        return feed.getEntries().stream().filter(e -> ("urn:uuid:" + id).equals(e.getUri())).findFirst();
    }

    /** Follows the entry's CAP link with no token, and checks the document against the OASIS schema. */
    static String capDocument(SyndEntry entry) throws Exception {
        SyndLink link = entry.getLinks().stream().filter(l -> "alternate".equals(l.getRel()) && "application/cap+xml".equals(l.getType()))
                .findFirst().orElseThrow(() -> new AssertionError("no CAP link in " + entry.getUri()));
        byte[] cap = given().get(URI.create(link.getHref()).getPath()).then().statusCode(200).contentType("application/cap+xml")
                .extract().asByteArray();
        CAP12.newValidator().validate(new StreamSource(new ByteArrayInputStream(cap)));
        return new String(cap, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Schema capSchema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            var xsd = CapFeedIT.class.getClassLoader().getResource("cap/cap12.xsd");
            return factory.newSchema(xsd);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
