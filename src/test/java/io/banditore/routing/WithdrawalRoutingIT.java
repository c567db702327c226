package io.banditore.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.banditore.kafka.Topics;
import io.banditore.support.Alerts;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Cancel or an Update reaches exactly the towns and channels its alert went to (SENT or under way): never a town
 * that was skipped, never before the alert's own routing is known; an Update that narrows the area tells the towns
 * it dropped, and the towns it adds get it as new. Torino's province: Chivasso (three channels) and Ivrea (Telegram)
 * take tests, Torino and Pinerolo do not.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class WithdrawalRoutingIT {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aCancelPostedRightAfterAProvinceWideAlertReachesExactlyTheTownsTheAlertReached() {
        ObjectNode alert = Alerts.exercise("001");
        String location = posted(alert);
        // At once: the Cancel is on alerts.v1 before the alert's deliveries are even queued.
        String cancel = posted(Alerts.cancelWithoutArea(alert));

        List<Map<String, Object>> original = settled(location, 8);
        Set<String> reached = Set.of("chivasso/telegram", "chivasso/x", "chivasso/shortvideo", "ivrea/telegram");
        // Where the alert went: sent, or (the Cancel being that quick) withdrawn before its post.
        assertThat(pairs(original, d -> "SENT".equals(d.get("status"))
                || ("SKIPPED".equals(d.get("status")) && ((String) d.get("error")).startsWith("cancelled by")))).isEqualTo(reached);
        assertThat(pairs(original, d -> "SKIPPED".equals(d.get("status")) && ((String) d.get("error")).startsWith("test not wanted")))
                .containsExactlyInAnyOrder("torino/telegram", "torino/x", "pinerolo/telegram", "pinerolo/shortvideo");

        List<Map<String, Object>> withdrawals = settled(cancel, 4);
        // Exactly where the alert went: the towns that skipped it (tests not wanted) are not told it is withdrawn.
        assertThat(withdrawals).hasSize(4);
        assertThat(pairs(withdrawals, d -> true)).isEqualTo(reached);
        // Posted where the alert was posted (all of it, or the first parts of a thread the Cancel then stopped);
        // where nothing of it ever was, nothing to withdraw.
        assertThat(pairs(withdrawals, d -> "SENT".equals(d.get("status")))).isEqualTo(pairs(original, WithdrawalRoutingIT::onTheProvider));
        assertThat(withdrawals).filteredOn(d -> !"SENT".equals(d.get("status")))
                .allSatisfy(d -> assertThat((String) d.get("error")).contains("was never posted"));
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot789:test-torino/sendMessage")));
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot791:test-pinerolo/sendMessage")));
        long ivreaSent = original.stream().filter(d -> "ivrea".equals(d.get("target")) && "SENT".equals(d.get("status"))).count();
        Providers.telegram().verifyThat((int) (2 * ivreaSent), postRequestedFor(urlEqualTo("/bot790:test-ivrea/sendMessage")));
    }

    @Test
    void aCancelWithoutInfoGoesWhereTheAlertWentAndNowhereElse() {
        // Ivrea and Aosta take tests; Trieste does not, and skips the alert.
        ObjectNode alert = Alerts.exercise("001125", "007003", "032006");
        String location = posted(alert);
        List<Map<String, Object>> original = settled(location, 4);
        assertThat(pairs(original, d -> "SENT".equals(d.get("status")))).containsExactlyInAnyOrder("ivrea/telegram", "aosta/telegram", "aosta/x");
        assertThat(pairs(original, d -> "SKIPPED".equals(d.get("status")))).containsExactly("trieste/telegram");

        // CAP's usual Cancel: no info block, hence no area of its own.
        String cancel = posted(Alerts.cancelWithoutInfo(alert));

        List<Map<String, Object>> withdrawals = settled(cancel, 3);
        assertThat(withdrawals).hasSize(3);
        assertThat(pairs(withdrawals, d -> true)).containsExactlyInAnyOrder("ivrea/telegram", "aosta/telegram", "aosta/x");
        Providers.telegram().verifyThat(0, postRequestedFor(urlEqualTo("/bot456:test-trieste/sendMessage")));
    }

    @Test
    void aNarrowingUpdateTellsTheTownItDroppedAndGivesTheTownItAddsTheAlertAsNew() throws Exception {
        // Ivrea and Aosta get the alert; the Update is for Aosta and Chivasso: Ivrea dropped, Chivasso added.
        ObjectNode alert = Alerts.exercise("001125", "007003");
        String location = posted(alert);
        assertThat(pairs(settled(location, 3), d -> "SENT".equals(d.get("status"))))
                .containsExactlyInAnyOrder("ivrea/telegram", "aosta/telegram", "aosta/x");
        Providers.resetAll();
        Providers.answerAsProvidersDo();

        ObjectNode update = Alerts.update(alert, "007003", "001082");
        String updated = posted(update);

        List<Map<String, Object>> deliveries = settled(updated, 6);
        assertThat(pairs(deliveries, d -> "SENT".equals(d.get("status")))).containsExactlyInAnyOrder("ivrea/telegram", "aosta/telegram",
                "aosta/x", "chivasso/telegram", "chivasso/x", "chivasso/shortvideo");
        String updateId = Alerts.id(update);
        Map<String, Boolean> dropped = KafkaRecords.awaitRecords(Topics.DISPATCH_TELEGRAM, r -> r.value().contains(updateId)
                && r.value().contains("\"ivrea\"")).stream().map(r -> read(r.value()))
                .collect(Collectors.toMap(o -> o.path("target").asText(), o -> o.path("droppedFromArea").asBoolean(), (a, b) -> a));
        assertThat(dropped).containsEntry("ivrea", true);
        Map<String, Boolean> others = KafkaRecords.awaitRecords(Topics.DISPATCH_TELEGRAM, r -> r.value().contains(updateId)
                && (r.value().contains("\"aosta\"") || r.value().contains("\"chivasso\""))).stream().map(r -> read(r.value()))
                .collect(Collectors.toMap(o -> o.path("target").asText(), o -> o.path("droppedFromArea").asBoolean(), (a, b) -> a));
        assertThat(others).doesNotContainValue(true);

        // The dropped town is told on the chat it got the alert on, as a reply to it; the added town gets it as new.
        JsonNode ivrea = only("/bot790:test-ivrea/sendMessage");
        assertThat(ivrea.path("reply_parameters").path("message_id").asLong()).isEqualTo(4242);
        JsonNode chivasso = only("/bot123:test-chivasso/sendMessage");
        assertThat(chivasso.has("reply_parameters")).isFalse();
    }

    @Test
    void aCancelWithoutAreasReachesEveryChannelAsAReplyToTheOriginalPost() {
        // The original's X thread: its first post gets id 111, the others (and every post of the Cancel) the default id.
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.text", WireMock.matching("(?s).* 1/\\d+$")))
                .withRequestBody(matchingJsonPath("$.text", WireMock.notMatching("(?s).*REVOCA.*")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"111\",\"text\":\"x\"}}")));
        ObjectNode alert = Alerts.exercise("001082");
        ((ObjectNode) alert.path("info").get(0)).put("description", ("Precipitazioni intense e persistenti fino a domani sera, "
                + "con possibili allagamenti di sottopassi e innalzamento del Po. ").repeat(4));
        String location = posted(alert);
        assertThat(pairs(settled(location, 3), d -> "SENT".equals(d.get("status"))))
                .containsExactlyInAnyOrder("chivasso/telegram", "chivasso/x", "chivasso/shortvideo");
        int tweets = Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))).size();
        assertThat(tweets).isGreaterThan(1);
        int inits = Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/"))).size();

        String cancel = posted(Alerts.cancelWithoutArea(alert));

        List<Map<String, Object>> withdrawals = settled(cancel, 3);
        assertThat(withdrawals).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("SENT"));
        List<JsonNode> telegram = Providers.telegram().find(postRequestedFor(urlEqualTo("/bot123:test-chivasso/sendMessage"))).stream()
                .map(r -> read(r.getBodyAsString())).filter(b -> b.has("reply_parameters")).toList();
        assertThat(telegram).singleElement().satisfies(b -> assertThat(b.path("reply_parameters").path("message_id").asLong()).isEqualTo(4242));
        List<JsonNode> replies = Providers.x().find(postRequestedFor(urlEqualTo("/2/tweets"))).stream().map(r -> read(r.getBodyAsString()))
                .filter(b -> "111".equals(b.path("reply").path("in_reply_to_tweet_id").asText()))
                .filter(b -> b.path("text").asText().contains("REVOCA")).toList();
        // The Cancel's first post replies to the first post of the alert's thread.
        assertThat(replies).hasSize(1);
        assertThat(Providers.tiktok().find(postRequestedFor(urlEqualTo("/v2/post/publish/video/init/")))).hasSize(inits + 1);
    }

    private JsonNode only(String path) {
        var requests = Providers.telegram().find(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        return read(requests.get(0).getBodyAsString());
    }

    private static String posted(ObjectNode alert) {
        var response = Api.post(alert.toString(), "mario.rossi");
        response.then().statusCode(202);
        return response.header("Location");
    }

    /** The alert's deliveries once there are {@code count} and all have settled. */
    private static List<Map<String, Object>> settled(String location, int count) {
        return await().atMost(SETTLE).until(() -> Api.deliveries(location), l -> l.size() >= count && Api.allSettled(l));
    }

    private static Set<String> pairs(List<Map<String, Object>> deliveries, Predicate<Map<String, Object>> which) {
        return deliveries.stream().filter(which).map(d -> d.get("target") + "/" + d.get("channel")).collect(Collectors.toSet());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Something of the delivery is public: the provider took all of it, or some of its parts. */
    private static boolean onTheProvider(Map<String, Object> delivery) {
        return "SENT".equals(delivery.get("status")) || !((List<?>) delivery.getOrDefault("providerMessageIds", List.of())).isEmpty();
    }
}
