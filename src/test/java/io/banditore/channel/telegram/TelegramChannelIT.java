package io.banditore.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.banditore.kafka.Topics;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Telegram channel against a stand-in for the Bot API that answers as Telegram does, good days and bad. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TelegramChannelIT {

    /** Aosta's bot and chat (a group), used by no other test. */
    private static final String SEND = "/bot789:test-aosta/sendMessage";
    private static final String AOSTA = "007003";
    private static final String IVREA = "001125";
    private static final String OK = """
            {"ok":true,"result":{"message_id":%d,"date":1706000000,"chat":{"id":-100200300,"type":"supergroup"},"text":"x"}}""";

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void tooManyRequestsWaitsTheRetryAfterTelegramGives() {
        firstThen(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}"""));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("attempts")).isEqualTo(2);
        List<LoggedRequest> calls = calls();
        assertThat(calls).hasSize(2);
        assertThat(gapMillis(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aServerErrorIsRetriedUntilTelegramTakesTheMessage() {
        firstThen(aResponse().withStatus(502).withBody("<html><body>502 Bad Gateway</body></html>"));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("attempts")).isEqualTo(2);
        assertThat(delivery.get("providerMessageId")).isEqualTo("77");
    }

    @Test
    void noAnswerInTimeIsRetried() {
        firstThen(okJson(OK.formatted(76)).withFixedDelay(4000)); // longer than the client's read timeout (2 s in tests)

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("attempts")).isEqualTo(2);
        assertThat(delivery.get("providerMessageId")).isEqualTo("77");
    }

    @Test
    void aConnectionResetIsRetried() {
        firstThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("attempts")).isEqualTo(2);
    }

    @Test
    void anAnswerThatIsNotTelegramsIsNotTakenForASentMessage() {
        firstThen(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>captive portal</html>"));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("attempts")).isEqualTo(2);
        assertThat(delivery.get("providerMessageId")).isEqualTo("77");
    }

    @Test
    void aBotRemovedFromTheChannelFailsAtOnceWithTelegramsReasonAndADeadLetter() {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked from the supergroup chat\"}")));
        String location = Api.postExercise(a -> { }, AOSTA);

        Map<String, Object> delivery = Api.awaitSettled(location, "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("FAILED");
        assertThat(delivery.get("attempts")).isEqualTo(1);
        assertThat((String) delivery.get("error")).isEqualTo("Telegram 403: Forbidden: bot was kicked from the supergroup chat");
        String deliveryId = (String) delivery.get("deliveryId");
        var letters = KafkaRecords.awaitRecords(Topics.DEAD_LETTERS, r -> deliveryId.equals(r.key()));
        assertThat(letters).singleElement().satisfies(r -> assertThat(r.value()).contains("bot was kicked"));
    }

    @Test
    void aChatThatDoesNotExistFailsForGood() {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("FAILED");
        assertThat((String) delivery.get("error")).contains("Bad Request: chat not found");
        assertThat(calls()).hasSize(1);
    }

    @Test
    void aLongAlertGoesAsSeveralMessagesInOrderAtOnePerSecond() throws Exception {
        String sentence = "Le squadre di protezione civile presidiano gli argini della Dora Baltea. ";
        String location = Api.postExercise(a -> ((com.fasterxml.jackson.databind.node.ObjectNode) a.path("info").get(0))
                .put("description", sentence.repeat(130).strip()), AOSTA);

        Map<String, Object> delivery = Api.awaitSettled(location, "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        int parts = (Integer) delivery.get("partsTotal");
        assertThat(parts).isGreaterThan(1);
        List<LoggedRequest> calls = calls();
        assertThat(calls).hasSize(parts);
        for (int i = 0; i < parts; i++) {
            JsonNode message = mapper.readTree(calls.get(i).getBodyAsString());
            assertThat(message.path("text").asText().length()).isLessThanOrEqualTo(TelegramRenderer.MAX_LENGTH);
            if (i > 0) {
                assertThat(message.path("text").asText()).contains("(segue " + (i + 1) + "/" + parts + ")");
                // Telegram allows about one message a second to one chat.
                assertThat(gapMillis(calls.get(i - 1), calls.get(i))).isGreaterThanOrEqualTo(900);
            }
        }
    }

    @Test
    void aGroupThatBecameASupergroupIsFollowed() throws Exception {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.chat_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("-100200300")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009998887776}}""")));
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(2).willReturn(okJson(OK.formatted(78))));

        Map<String, Object> delivery = Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("providerMessageId")).isEqualTo("78");
        assertThat(chats()).containsExactlyInAnyOrder("-100200300", "-1009998887776");

        // The next alert goes straight to the new chat.
        Api.awaitSettled(Api.postExercise(a -> { }, AOSTA), "telegram", "aosta");
        assertThat(chats()).containsExactlyInAnyOrder("-100200300", "-1009998887776", "-1009998887776");
    }

    private List<String> chats() throws Exception {
        List<String> chats = new java.util.ArrayList<>();
        for (LoggedRequest call : calls()) {
            chats.add(mapper.readTree(call.getBodyAsString()).path("chat_id").asText());
        }
        return chats;
    }

    @Test
    void aCancelRepliesToTheMessageItWithdraws() throws Exception {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).willReturn(okJson(OK.formatted(501))));
        var original = new com.fasterxml.jackson.databind.node.ObjectNode[1];
        String first = Api.postExercise(a -> original[0] = a, AOSTA);
        Api.awaitSettled(first, "telegram", "aosta");

        String cancel = Api.postExercise(a -> {
            a.put("msgType", "Cancel");
            a.put("references", original[0].path("sender").asText() + "," + original[0].path("identifier").asText() + ","
                    + original[0].path("sent").asText());
        }, AOSTA);
        assertThat(Api.awaitSettled(cancel, "telegram", "aosta").get("status")).isEqualTo("SENT");

        List<LoggedRequest> calls = calls();
        JsonNode revoca = mapper.readTree(calls.get(calls.size() - 1).getBodyAsString());
        assertThat(revoca.path("reply_parameters").path("message_id").asLong()).isEqualTo(501);
        assertThat(revoca.path("text").asText()).contains("<b>REVOCA:</b>").contains("ESERCITAZIONE");
    }

    @Test
    void everyPartOfALongCancelSaysRevoca() throws Exception {
        // Ivrea, which has Telegram only: a Cancel this long would be a thread of a hundred posts on X.
        String send = "/bot790:test-ivrea/sendMessage";
        Providers.telegram().register(post(urlEqualTo(send)).atPriority(1).willReturn(okJson(OK.formatted(601))));
        var original = new com.fasterxml.jackson.databind.node.ObjectNode[1];
        Api.awaitSettled(Api.postExercise(a -> original[0] = a, IVREA), "telegram", "ivrea");

        String sentence = "Il livello della Dora Baltea è tornato sotto la soglia di guardia e gli argini sono stati ispezionati. ";
        String cancel = Api.postCancel(original[0],
                a -> ((com.fasterxml.jackson.databind.node.ObjectNode) a.path("info").get(0)).put("description", sentence.repeat(320).strip()), IVREA);
        Map<String, Object> delivery = Api.awaitSettled(cancel, "telegram", "ivrea");

        assertThat(delivery.get("status")).isEqualTo("SENT");
        assertThat(delivery.get("partsTotal")).isEqualTo(9);
        List<LoggedRequest> calls = Providers.telegram().find(postRequestedFor(urlEqualTo(send))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(calls).hasSize(1 + 9);
        for (int i = 0; i < 9; i++) {
            String text = mapper.readTree(calls.get(1 + i).getBodyAsString()).path("text").asText();
            assertThat(text).startsWith("<b>⚠️ ESERCITAZIONE – non è un'allerta reale</b>\n\n")
                    .contains(i == 0 ? "<b>REVOCA:</b> <b>Allerta arancione per piogge intense</b>" : "<b>REVOCA</b> <i>(segue " + (i + 1) + "/9)</i>");
            assertThat(text.length()).isLessThanOrEqualTo(TelegramRenderer.MAX_LENGTH);
        }
    }

    @Test
    void aCancelWithoutInfoIsWrittenFromTheAlertItWithdraws() throws Exception {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).willReturn(okJson(OK.formatted(502))));
        var original = new com.fasterxml.jackson.databind.node.ObjectNode[1];
        Api.awaitSettled(Api.postExercise(a -> original[0] = a, AOSTA), "telegram", "aosta");

        // CAP's usual Cancel: no info block, only the reference to the alert it withdraws.
        String cancel = Api.postCancel(original[0], a -> a.remove("info"), AOSTA);
        assertThat(Api.awaitSettled(cancel, "telegram", "aosta").get("status")).isEqualTo("SENT");

        List<LoggedRequest> calls = calls();
        assertThat(calls).hasSize(2);
        JsonNode revoca = mapper.readTree(calls.get(1).getBodyAsString());
        assertThat(revoca.path("text").asText()).isEqualTo("<b>⚠️ ESERCITAZIONE – non è un'allerta reale</b>\n\n"
                + "<b>REVOCA:</b> <b>Allerta arancione per piogge intense</b> — Prefettura di Torino");
        assertThat(revoca.path("reply_parameters").path("message_id").asLong()).isEqualTo(502);
    }

    /** The first sendMessage gets {@code first}; every one after it succeeds (message id 77). */
    private static void firstThen(ResponseDefinitionBuilder first) {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).inScenario("first-then").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("answered"));
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).inScenario("first-then").whenScenarioStateIs("answered")
                .willReturn(okJson(OK.formatted(77))));
    }

    /** Aosta's sendMessage calls, oldest first. */
    private static List<LoggedRequest> calls() {
        return Providers.telegram().find(postRequestedFor(urlEqualTo(SEND))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static long gapMillis(LoggedRequest before, LoggedRequest after) {
        return after.getLoggedDate().getTime() - before.getLoggedDate().getTime();
    }
}
