package io.banditore.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.kafka.Topics;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What every channel's dispatcher guarantees, whatever the provider: no double sends, no stale alerts, no town held up by another. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class DispatchIT {

    private static final String AOSTA = "007003";
    private static final String AOSTA_SEND = "/bot789:test-aosta/sendMessage";
    private static final String CHIVASSO_SEND = "/bot123:test-chivasso/sendMessage";

    @Inject
    DeliveryLedger ledger;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aRedeliveredDispatchRecordIsNotSentAgain() throws Exception {
        String location = Api.postExercise(a -> { }, AOSTA);
        Map<String, Object> sent = Api.awaitSettled(location, "telegram", "aosta");
        assertThat(sent.get("status")).isEqualTo("SENT");
        int calls = telegramCalls(AOSTA_SEND);

        // The same record again, as Kafka redelivers after a crash or a rebalance.
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        var record = KafkaRecords.awaitRecords(Topics.DISPATCH_TELEGRAM, r -> r.value().contains(alertId)).get(0);
        KafkaRecords.produce(Topics.DISPATCH_TELEGRAM, record.key(), record.value());
        KafkaRecords.awaitConsumed("banditore-dispatch-telegram", Topics.DISPATCH_TELEGRAM);

        assertThat(telegramCalls(AOSTA_SEND)).isEqualTo(calls);
        Map<String, Object> after = Api.awaitSettled(location, "telegram", "aosta");
        assertThat(after.get("version")).isEqualTo(sent.get("version"));
        assertThat(after.get("providerMessageId")).isEqualTo(sent.get("providerMessageId"));
    }

    @Test
    void anAlertThatExpiredBeforeItsTurnIsSkippedNotSent() throws Exception {
        String location = Api.postExercise(a -> { }, AOSTA);
        Api.awaitSettled(location, "telegram", "aosta");
        int calls = telegramCalls(AOSTA_SEND);
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        var record = KafkaRecords.awaitRecords(Topics.DISPATCH_TELEGRAM, r -> r.value().contains(alertId)).get(0);

        // An order whose alert stopped being valid while it waited in the topic.
        ObjectNode order = (ObjectNode) mapper.readTree(record.value());
        String staleAlert = UUID.randomUUID().toString();
        String deliveryId = staleAlert + ":telegram:aosta";
        order.put("alertId", staleAlert).put("deliveryId", deliveryId);
        OffsetDateTime past = OffsetDateTime.now().minusHours(2);
        ObjectNode info = (ObjectNode) order.path("alert").path("info").get(0);
        order.with("alert").put("sent", past.minusHours(1).toString());
        info.put("effective", past.minusHours(1).toString()).put("expires", past.toString());
        KafkaRecords.produce(Topics.DISPATCH_TELEGRAM, record.key(), order.toString());

        var status = await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(deliveryId).orElse(null),
                s -> s != null && s.status() == DeliveryState.SKIPPED);
        assertThat(status.error()).startsWith("expired");
        assertThat(telegramCalls(AOSTA_SEND)).isEqualTo(calls);
    }

    @Test
    void aThrottledTownDoesNotHoldUpTheOthers() {
        // Chivasso's chat is throttled for 6 s; Aosta's answers at once.
        Providers.telegram().register(post(urlEqualTo(CHIVASSO_SEND)).atPriority(1).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willSetStateTo("open").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                        {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 6","parameters":{"retry_after":6}}""")));

        String location = Api.postExercise(a -> { }, "001082", AOSTA);

        Map<String, Object> aosta = Api.awaitSettled(location, "telegram", "aosta");
        assertThat(aosta.get("status")).isEqualTo("SENT");
        Map<String, Object> chivasso = Api.deliveries(location).stream()
                .filter(d -> "telegram".equals(d.get("channel")) && "chivasso".equals(d.get("target"))).findFirst().orElseThrow();
        assertThat(chivasso.get("status")).isEqualTo("RETRYING");
        assertThat((String) chivasso.get("error")).contains("retry after 6");

        // And Chivasso's message goes once Telegram allows it.
        assertThat(Api.awaitSettled(location, "telegram", "chivasso").get("status")).isEqualTo("SENT");
        assertThat(telegramCalls(CHIVASSO_SEND)).isEqualTo(2);
    }

    private static int telegramCalls(String path) {
        return Providers.telegram().find(postRequestedFor(urlPathMatching(path.replace(":", ":")))).size();
    }
}
