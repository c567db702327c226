package io.banditore.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.support.Alerts;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lifecycle governs every provider call up to the last moment: what happens to an alert while its delivery waits
 * on a provider (a cancel, its expiry) decides whether the provider ever receives it. Aosta (Telegram and X) is the
 * town; what the providers received is read from WireMock's request log.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class LastMomentIT {

    private static final String AOSTA = "007003";
    private static final String AOSTA_SEND = "/bot789:test-aosta/sendMessage";
    private static final Pattern PART = Pattern.compile(" (\\d+)/(\\d+)$");

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anAlertCancelledWhileItsXPostWaitsOnA429IsNeverPostedAfterTheCancel() throws Exception {
        // X's window reopens 8 s after it refuses the post, however long the post waited in its town's lane before that.
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).inScenario("x-429").whenScenarioStateIs(STARTED)
                .willSetStateTo("open").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("x-rate-limit-reset", "{{now offset='8 seconds' format='unix'}}").withTransformers("response-template")
                        .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));
        ObjectNode alert = Alerts.exercise(AOSTA);
        String location = posted(alert);
        Api.awaitDelivery(location, "x", "aosta", d -> "RETRYING".equals(d.get("status")));
        long reset = Long.parseLong(Providers.x().getServeEvents().stream().filter(e -> e.getResponse().getStatus() == 429).findFirst()
                .orElseThrow().getResponse().getHeaders().getHeader("x-rate-limit-reset").firstValue());

        ObjectNode cancel = Alerts.cancelWithoutInfo(alert);
        String cancelLocation = posted(cancel);

        // The waiting post stops within moments of the Cancel, long before X's window reopens.
        Map<String, Object> x = Api.awaitDelivery(location, "x", "aosta", d -> !"RETRYING".equals(d.get("status")));
        assertThat(x.get("status")).isEqualTo("SKIPPED");
        assertThat((String) x.get("error")).isEqualTo("cancelled by " + cancel.path("identifier").asText());
        assertThat(Instant.now().getEpochSecond()).isLessThan(reset);
        // The Cancel has nothing to withdraw on X: the alert never got there.
        Map<String, Object> cancelOnX = Api.awaitSettled(cancelLocation, "x", "aosta");
        assertThat(cancelOnX.get("status")).isEqualTo("SKIPPED");
        assertThat((String) cancelOnX.get("error")).contains("never posted on x");

        // Past the reset, X has still had nothing but the one refused call.
        await().pollDelay(Duration.ofSeconds(Math.max(1, reset - Instant.now().getEpochSecond() + 2))).atMost(Duration.ofSeconds(30)).until(() -> true);
        assertThat(Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets")))).hasSize(1);
        assertThat(Api.awaitSettled(location, "x", "aosta").get("status")).isEqualTo("SKIPPED");
    }

    @Test
    void aRetryAfterBeyondTheExpiryIsSkippedAtOnceAndNothingIsPostedAfterExpiry() throws Exception {
        Providers.telegram().register(post(urlEqualTo(AOSTA_SEND)).atPriority(1).inScenario("tg-429").whenScenarioStateIs(STARTED)
                .willSetStateTo("open").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                        {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 20","parameters":{"retry_after":20}}""")));
        ObjectNode alert = Alerts.exercise(AOSTA);
        OffsetDateTime expires = OffsetDateTime.now(ZoneId.of("Europe/Rome")).plusSeconds(10);
        ((ObjectNode) alert.path("info").get(0)).put("expires", expires.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        String location = posted(alert);

        Map<String, Object> telegram = Api.awaitSettled(location, "telegram", "aosta");
        Instant settled = Instant.now();

        assertThat(telegram.get("status")).isEqualTo("SKIPPED");
        assertThat((String) telegram.get("error")).startsWith("expired at " + expires.toInstant());
        // Skipped when Telegram asked for the wait, not after waiting 20 s for a message that could no longer go.
        assertThat(settled).isBefore(expires.toInstant().plusSeconds(5));
        assertThat(Providers.telegram().find(postRequestedFor(urlEqualTo(AOSTA_SEND)))).hasSize(1);
        await().pollDelay(Duration.ofSeconds(Math.max(1, Duration.between(Instant.now(), expires.toInstant()).toSeconds() + 3)))
                .atMost(Duration.ofSeconds(30)).until(() -> true);
        assertThat(Providers.telegram().find(postRequestedFor(urlEqualTo(AOSTA_SEND)))).hasSize(1);
    }

    @Test
    void aDuplicateAnswerOnPartTwoCountsAsPostedAndTheThreadGoesOn() throws Exception {
        ObjectNode alert = Alerts.exercise(AOSTA);
        ((ObjectNode) alert.path("info").get(0)).put("description", ("Precipitazioni intense e persistenti fino a domani sera. "
                + "Possibili allagamenti di sottopassi, cantine e strade vicine ai corsi d'acqua; innalzamento del Po e della Dora. ").repeat(5));
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.text", WireMock.matching("(?s).* 2/\\d+$")))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""")));
        String location = posted(alert);

        Map<String, Object> x = Api.awaitSettled(location, "x", "aosta");

        assertThat(x.get("status")).isEqualTo("SENT");
        List<JsonNode> posts = Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))).stream().map(this::body).toList();
        int total = number(posts.get(0))[1];
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(x.get("partsTotal")).isEqualTo(total);
        // Every part asked for once, part 2 included (X had it), and the parts after it posted.
        assertThat(posts).extracting(p -> number(p)[0]).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
        JsonNode third = posts.stream().filter(p -> number(p)[0] == 3).findFirst().orElseThrow();
        assertThat(third.path("reply").path("in_reply_to_tweet_id").asText()).isEqualTo("1749000000000000001");
    }

    private static String posted(ObjectNode alert) {
        var response = Api.post(alert.toString(), "mario.rossi");
        response.then().statusCode(202);
        return response.header("Location");
    }

    private int[] number(JsonNode post) {
        Matcher m = PART.matcher(post.path("text").asText());
        return m.find() ? new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) } : new int[] { 1, 1 };
    }

    private JsonNode body(LoggedRequest request) {
        try {
            return mapper.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
