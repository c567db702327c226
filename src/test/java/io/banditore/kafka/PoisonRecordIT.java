package io.banditore.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bytes that are not JSON on a topic Banditore reads stop no consumer and no view, and hold up none of the records
 * behind them: each is counted by topic, and on a dispatch topic written to the dead-letter topic with the reason.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class PoisonRecordIT {

    private static final String AOSTA = "007003";
    private static final String POISON = "\u0000\u00ffnot json {";

    @Inject
    DeliveryLedger ledger;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @ParameterizedTest
    @ValueSource(strings = { "telegram", "x" })
    void aPoisonRecordOnADispatchTopicIsDeadLetteredAndTheOrderBehindItIsDelivered(String channel) throws Exception {
        String topic = Topics.dispatchTopic(channel);
        String location = Api.postExercise(a -> { }, AOSTA);
        assertThat(Api.awaitSettled(location, channel, "aosta").get("status")).isEqualTo("SENT");
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        ObjectNode order = (ObjectNode) mapper.readTree(
                KafkaRecords.awaitRecords(topic, r -> r.value().contains(alertId)).get(0).value());
        // Another delivery for the same town, hence the same partition, right behind the poison.
        String next = UUID.randomUUID().toString();
        String deliveryId = next + ":" + channel + ":aosta";
        order.put("alertId", next).put("deliveryId", deliveryId);
        int calls = calls(channel);
        double unreadableBefore = unreadable(topic);

        KafkaRecords.produce(topic, "aosta", POISON);
        KafkaRecords.produce(topic, "aosta", order.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(deliveryId).map(s -> s.status() == DeliveryState.SENT).orElse(false));
        assertThat(calls(channel)).isEqualTo(2 * calls); // the same parts again, once
        ConsumerRecord<String, String> letter = KafkaRecords.awaitRecords(Topics.DEAD_LETTERS, r -> topic.equals(header(r, "dead-letter-topic"))).get(0);
        assertThat(letter.value()).isEqualTo(POISON);
        assertThat(letter.key()).isEqualTo("aosta");
        assertThat(header(letter, "dead-letter-reason")).startsWith("not a readable record: ").contains("Unrecognized token");
        assertThat(header(letter, "dead-letter-offset")).isNotBlank();
        assertThat(unreadable(topic)).isEqualTo(unreadableBefore + 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPoisonRecordOnTheShortVideoDispatchTopicIsDeadLettered() {
        KafkaRecords.produce(Topics.DISPATCH_SHORTVIDEO, "chivasso", POISON);

        ConsumerRecord<String, String> letter = KafkaRecords.awaitRecords(Topics.DEAD_LETTERS,
                r -> Topics.DISPATCH_SHORTVIDEO.equals(header(r, "dead-letter-topic"))).get(0);
        assertThat(letter.value()).isEqualTo(POISON);
        await().atMost(Duration.ofSeconds(10)).until(() -> unreadable(Topics.DISPATCH_SHORTVIDEO) >= 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void readinessWaitsForEveryStateViewAndNamesEachTopic() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state views' }.data", equalTo(Map.of(
                        Topics.AUDIT, "caught up", Topics.DELIVERIES, "caught up", Topics.INTAKE, "caught up",
                        Topics.ROUTING, "caught up", Topics.TARGETS, "caught up")));
    }

    @Test
    void aPoisonRecordOnEveryViewTopicAndOnAlertsIsSkippedCountedAndTheServiceGoesOn() {
        List<String> topics = List.of(Topics.INTAKE, Topics.DELIVERIES, Topics.AUDIT, Topics.TARGETS, Topics.ROUTING, Topics.ALERTS);
        double[] before = topics.stream().mapToDouble(PoisonRecordIT::unreadable).toArray();
        for (String topic : topics) {
            KafkaRecords.produce(topic, "poison-" + UUID.randomUUID(), POISON);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < topics.size(); i++) {
                assertThat(unreadable(topics.get(i))).as(topics.get(i)).isEqualTo(before[i] + 1);
            }
        });
        given().get("/q/health/ready").then().statusCode(200);
        // And every view and the router still work: an alert posted now is routed, sent and shown.
        String location = Api.postExercise(a -> { }, AOSTA);
        assertThat(Api.awaitSettled(location, "telegram", "aosta").get("status")).isEqualTo("SENT");
        assertThat(Api.awaitSettled(location, "x", "aosta").get("status")).isEqualTo("SENT");
    }

    private static int calls(String channel) {
        WireMock provider = "x".equals(channel) ? Providers.x() : Providers.telegram();
        String path = "x".equals(channel) ? "/2/tweets" : "/bot789:test-aosta/sendMessage";
        return provider.find(postRequestedFor(urlPathEqualTo(path))).size();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** banditore_unreadable_records_total{topic} as /q/metrics shows it, exemplar or not (0 before the first). */
    static double unreadable(String topic) {
        String metrics = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("^banditore_unreadable_records_total\\{topic=\"" + Pattern.quote(topic) + "\"} (\\S+)(?: # .*)?$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
