package io.banditore.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.kafka.Topics;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.KafkaRecords;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;

/**
 * A delivery found SENDING when its dispatch record is read (again): another dispatcher may still be in its provider
 * call, so there is no second call until that one's answer or the takeover grace; a SENDING this dispatcher's own
 * previous run left (the same name, after a crash and restart) is taken up at once, as no one else can be calling.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TakeoverIT {

    private static final String AOSTA = "007003";

    @Inject
    DeliveryLedger ledger;
    @Inject
    @Identifier(DispatchOwnership.NAME)
    DispatchOwnership ownership;
    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anotherDispatchersRecentSendingIsWaitedForNotSentAgain() throws Exception {
        Order order = orderLeftSendingBy("dispatcher-gone-" + UUID.randomUUID());
        KafkaRecords.produce(Topics.DISPATCH_TELEGRAM, order.key(), order.json());

        // Well within the grace: no call, and the delivery stays as the other dispatcher left it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> calls(order.marker()) == 0);
        assertThat(ledger.find(order.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryState.SENDING);

        // The other dispatcher's answer arrives: SENT, and still no call from this one.
        DeliveryStatus sending = ledger.find(order.deliveryId()).orElseThrow();
        DeliveryStatus sent = sending.partSent("77", "https://t.me/c/77", Instant.now());
        KafkaRecords.produce(Topics.DELIVERIES, order.deliveryId(), mapper.writeValueAsString(sent));
        KafkaRecords.awaitConsumed("banditore-dispatch-telegram", Topics.DISPATCH_TELEGRAM);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> calls(order.marker()) == 0);
    }

    @Test
    void itsOwnPreviousRunsSendingIsTakenUpAtOnce() throws Exception {
        Order order = orderLeftSendingBy(ownership.instance());
        KafkaRecords.produce(Topics.DISPATCH_TELEGRAM, order.key(), order.json());

        // Long before the grace would end: one call, and SENT.
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(order.deliveryId()).map(DeliveryStatus::status).orElse(null),
                status -> status == DeliveryState.SENT);
        assertThat(calls(order.marker())).isEqualTo(1);
    }

    private record Order(String key, String json, String deliveryId, String marker) {
    }

    /**
     * A dispatch record for Aosta's Telegram channel, of an alert of its own, whose delivery an earlier attempt by
     * {@code owner} left SENDING a moment ago (on deliveries.v1, read by the ledger before the record is written).
     */
    private Order orderLeftSendingBy(String owner) throws Exception {
        String location = Api.postExercise(a -> { }, AOSTA);
        Api.awaitSettled(location, "telegram", "aosta");
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        var record = KafkaRecords.awaitRecords(Topics.DISPATCH_TELEGRAM, r -> r.value().contains(alertId)).get(0);
        ObjectNode order = (ObjectNode) mapper.readTree(record.value());
        String otherAlert = UUID.randomUUID().toString();
        String deliveryId = otherAlert + ":telegram:aosta";
        String marker = "takeover-" + UUID.randomUUID();
        order.put("alertId", otherAlert).put("deliveryId", deliveryId);
        ObjectNode info = (ObjectNode) order.path("alert").path("info").get(0);
        info.put("headline", info.path("headline").asText() + " " + marker);

        DeliveryStatus sending = DeliveryStatus.queued(deliveryId, otherAlert, order.path("alert").path("identifier").asText(), "telegram", "aosta",
                Instant.now()).attempt(1, owner, 0, Instant.now());
        KafkaRecords.produce(Topics.DELIVERIES, deliveryId, mapper.writeValueAsString(sending));
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(deliveryId).isPresent());
        return new Order(record.key(), order.toString(), deliveryId, marker);
    }

    private static int calls(String marker) {
        return Providers.telegram().find(postRequestedFor(urlPathMatching("/bot.*/sendMessage")).withRequestBody(containing(marker))).size();
    }
}
