package io.banditore.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The X channel against a stand-in for the X API v2 that answers as X does; Aosta's account signs with OAuth 1.0a. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class XChannelIT {

    private static final String AOSTA = "007003";
    private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @ConfigProperty(name = "quarkus.rest-client.x.url")
    String baseUrl;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aLongAlertIsAThreadPostedInOrderEachReplyingToThePostBefore() throws Exception {
        answerWithIds(8);
        String location = Api.postExercise(a -> info(a).put("description",
                "Il Dora Baltea è in piena e le strade lungo il fiume sono chiuse. ".repeat(12).strip()), AOSTA);

        Map<String, Object> delivery = Api.awaitSettled(location, "x", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        int parts = (Integer) delivery.get("partsTotal");
        assertThat(parts).isGreaterThan(2);
        assertThat(delivery.get("providerMessageIds")).isEqualTo(ids(parts));
        assertThat(delivery.get("providerUrl")).isEqualTo("https://x.com/comunediaosta/status/1800000000000000001");
        // Each reply names the post before it, which X had to answer first: following the links is the order posted.
        List<JsonNode> unordered = posts();
        assertThat(unordered).hasSize(parts);
        List<JsonNode> posts = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < parts; i++) {
            String replyTo = previous;
            JsonNode next = unordered.stream().filter(p -> replyTo == null ? !p.has("reply")
                    : replyTo.equals(p.path("reply").path("in_reply_to_tweet_id").asText())).findFirst().orElseThrow();
            posts.add(next);
            previous = ids(parts).get(i);
        }
        for (int i = 0; i < parts; i++) {
            String text = posts.get(i).path("text").asText();
            assertThat(text).endsWith(" " + (i + 1) + "/" + parts);
            assertThat(XRenderer.weightedLength(text)).isLessThanOrEqualTo(280);
        }
        assertThat(posts.get(parts - 1).path("text").asText()).contains("#Aosta");
    }

    @Test
    void everyPostIsSignedWithOAuth1AsTheAccount() {
        Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "x", "aosta");

        List<LoggedRequest> calls = calls();
        assertThat(calls).isNotEmpty();
        for (LoggedRequest call : calls) {
            String header = call.getHeader("Authorization");
            assertThat(header).startsWith("OAuth ");
            Map<String, String> oauth = new TreeMap<>();
            Matcher m = OAUTH_PARAM.matcher(header);
            while (m.find()) {
                oauth.put(m.group(1), java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(oauth).containsEntry("oauth_consumer_key", "test-aosta-consumer").containsEntry("oauth_token", "42-test-aosta-token")
                    .containsEntry("oauth_signature_method", "HMAC-SHA1").containsEntry("oauth_version", "1.0");
            assertThat(Long.parseLong(oauth.get("oauth_timestamp"))).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
            String signature = oauth.remove("oauth_signature");
            // The signature the account's secrets give for this very request: a JSON body is not part of it.
            assertThat(signature).isEqualTo(OAuth1Signer.signature("POST", baseUrl + "/2/tweets", oauth, "test-aosta-consumer-secret",
                    "test-aosta-token-secret"));
        }
    }

    @Test
    void tooManyRequestsWaitsUntilTheWindowResets() {
        long reset = Instant.now().getEpochSecond() + 3;
        firstThen(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}"));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "x", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        List<LoggedRequest> calls = calls();
        assertThat(calls.size()).isGreaterThanOrEqualTo(2);
        assertThat(calls.get(1).getLoggedDate().getTime()).isGreaterThanOrEqualTo(reset * 1000 - 50);
    }

    @Test
    void duplicateContentCountsAsAlreadyPosted() {
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""")));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "x", "aosta");

        // X has the post already: it counts as posted (issue 13: a duplicate is not a skip, the thread goes on).
        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat((String) delivery.get("note")).contains("duplicate content");
        assertThat(calls()).hasSize((Integer) delivery.get("partsTotal"));
    }

    @Test
    void aRevokedTokenFailsForGoodWithXsReason() {
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "x", "aosta");

        assertThat(delivery.get("status")).isEqualTo("FAILED");
        assertThat(delivery.get("error")).isEqualTo("X 401: Unauthorized");
        assertThat(calls()).hasSize(1);
    }

    @Test
    void anOverloadedXAnsweringWithAnHtmlPageIsRetried() {
        firstThen(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html><h1>Over capacity</h1></html>"));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "x", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(calls().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUpdateRepliesToTheFirstPostOfTheOriginal() throws Exception {
        answerWithIds(8);
        ObjectNode[] original = new ObjectNode[1];
        String first = Api.postExercise(a -> original[0] = a, AOSTA);
        Map<String, Object> sent = Api.awaitSettled(first, "x", "aosta");
        String firstPost = (String) sent.get("providerMessageId");
        int before = calls().size();

        String update = Api.postExercise(a -> {
            a.put("msgType", "Update");
            a.put("references", original[0].path("sender").asText() + "," + original[0].path("identifier").asText() + ","
                    + original[0].path("sent").asText());
        }, AOSTA);
        assertThat(Api.awaitSettled(update, "x", "aosta").get("status")).isEqualTo("SENT");

        List<JsonNode> posts = posts();
        assertThat(posts.size()).isGreaterThan(before);
        // The update's opening post carries the full label; the posts after it in its thread a short one.
        JsonNode opening = posts.stream().filter(p -> p.path("text").asText().contains("AGGIORNAMENTO")
                && p.path("text").asText().startsWith("⚠️ ")).findFirst().orElseThrow();
        assertThat(opening.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo(firstPost);
        assertThat(opening.path("text").asText()).startsWith("⚠️ ESERCITAZIONE");
    }

    @Test
    void aCancelWithoutInfoIsWrittenFromTheAlertItWithdrawsAndRepliesToItsFirstPost() throws Exception {
        answerWithIds(8);
        ObjectNode[] original = new ObjectNode[1];
        String first = Api.postExercise(a -> original[0] = a, AOSTA);
        String firstPost = (String) Api.awaitSettled(first, "x", "aosta").get("providerMessageId");
        int before = calls().size();

        // CAP's usual Cancel: no info block, only the reference to the alert it withdraws.
        String cancel = Api.postCancel(original[0], a -> a.remove("info"), AOSTA);
        assertThat(Api.awaitSettled(cancel, "x", "aosta").get("status")).isEqualTo("SENT");

        List<JsonNode> posts = posts();
        assertThat(posts).hasSize(before + 1);
        JsonNode revoca = posts.get(posts.size() - 1);
        assertThat(revoca.path("text").asText()).isEqualTo("⚠️ ESERCITAZIONE – non è un'allerta reale\n"
                + "REVOCA: Allerta arancione per piogge intense — Prefettura di Torino\n#Aosta");
        assertThat(revoca.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo(firstPost);
    }

    @Test
    void aTwoBlockAlertGivesTheTownOnlyTheBlockForItsArea() throws Exception {
        // The first block is Ivrea's, the second Aosta's.
        String location = Api.postExercise(a -> {
            ObjectNode aosta = info(a).deepCopy().put("headline", "Piena della Dora Baltea ad Aosta");
            ObjectNode ivrea = info(a).put("headline", "Piena della Dora Baltea a Ivrea");
            ((ObjectNode) ivrea.path("area").get(0)).put("areaDesc", "Ivrea").putArray("geocode").addObject()
                    .put("valueName", "ISTAT").put("value", "001125");
            ((ObjectNode) aosta.path("area").get(0)).put("areaDesc", "Aosta");
            a.withArray("info").add(aosta);
        }, AOSTA);

        assertThat(Api.awaitSettled(location, "x", "aosta").get("status")).isEqualTo("SENT");

        List<String> texts = posts().stream().map(p -> p.path("text").asText()).toList();
        assertThat(texts).isNotEmpty().noneSatisfy(t -> assertThat(t).contains("Ivrea"));
        assertThat(texts.get(0)).startsWith("⚠️ ESERCITAZIONE – non è un'allerta reale\n🟠 Piena della Dora Baltea ad Aosta – Aosta");
    }

    /** Answers post after post with ids 1800000000000000001, ...0002 and so on, as X gives each post its own. */
    private static void answerWithIds(int count) {
        for (int i = 1; i <= count; i++) {
            String id = ids(count).get(i - 1);
            Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).inScenario("ids")
                    .whenScenarioStateIs(i == 1 ? STARTED : "post-" + i).willSetStateTo("post-" + (i + 1))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"data\":{\"id\":\"" + id + "\",\"text\":\"x\",\"edit_history_tweet_ids\":[\"" + id + "\"]}}")));
        }
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(Long.toString(1800000000000000000L + i));
        }
        return ids;
    }

    private static void firstThen(ResponseDefinitionBuilder first) {
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).inScenario("first-then").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("answered"));
    }

    private static ObjectNode info(ObjectNode alert) {
        return (ObjectNode) alert.path("info").get(0);
    }

    /** Aosta's posts (signed with its OAuth 1.0a token), by the time they arrived (to the millisecond). */
    private static List<LoggedRequest> calls() {
        return Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))).stream()
                .filter(r -> r.getHeader("Authorization").contains("test-aosta-consumer"))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private List<JsonNode> posts() throws Exception {
        List<JsonNode> posts = new ArrayList<>();
        for (LoggedRequest call : calls()) {
            posts.add(mapper.readTree(call.getBodyAsString()));
        }
        return posts;
    }
}
