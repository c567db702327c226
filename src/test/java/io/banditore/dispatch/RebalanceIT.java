package io.banditore.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.channel.telegram.TelegramChannel;
import io.banditore.kafka.Topics;
import io.banditore.routing.DispatchOrder;
import io.banditore.support.Alerts;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No double post across a rebalance: a second Telegram dispatcher joins the consumer group while Aosta's delivery
 * waits on Telegram's retry_after. The partition moves to the newcomer, which carries the delivery out; the first
 * dispatcher, its partition revoked, never calls Telegram again for it. Telegram receives the message once.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class RebalanceIT {

    private static final String SEND = "/bot789:test-aosta/sendMessage";
    private static final String GROUP = "banditore-dispatch-telegram";
    /** SmallRye names its consumer kafka-consumer-CHANNEL; the range assignor orders members by id. */
    private static final String APP_CLIENT = "kafka-consumer-" + Topics.Channels.DISPATCH_TELEGRAM_IN;

    @Inject
    DeliveryRunner runner;
    @Inject
    TelegramChannel telegram;
    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void providersAnswer() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void aSecondDispatcherJoiningWhileADeliveryIsRetryingMakesOnePost() throws Exception {
        Providers.telegram().register(post(urlEqualTo(SEND)).atPriority(1).inScenario("429").whenScenarioStateIs(STARTED)
                .willSetStateTo("open").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                        {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 8","parameters":{"retry_after":8}}""")));
        var alert = Alerts.exercise("007003");
        var response = Api.post(alert.toString(), "mario.rossi");
        response.then().statusCode(202);
        String location = response.header("Location");
        Map<String, Object> retrying = Api.awaitDelivery(location, "telegram", "aosta", d -> "RETRYING".equals(d.get("status")));
        Instant retryDue = Instant.now().plusSeconds(8);
        String deliveryId = (String) retrying.get("deliveryId");

        AtomicInteger generation = new AtomicInteger(-1);
        try (KafkaConsumer<String, String> second = secondDispatcher("aosta")) {
            TopicPartition partition = partitionOf(second, "aosta");
            second.subscribe(List.of(Topics.DISPATCH_TELEGRAM), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    generation.set(second.groupMetadata().generationId());
                }
            });
            // The newcomer gets Aosta's partition and, since it was never committed, the record still being retried.
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var r : second.poll(Duration.ofMillis(200))) {
                    if (r.value().contains(deliveryId)) {
                        return r;
                    }
                }
                return null;
            }, r -> r != null);
            assertThat(second.assignment()).contains(partition);
            assertThat(Instant.now()).isBefore(retryDue);
            DispatchOrder order = mapper.readValue(record.value(), DispatchOrder.class);
            Ownership newcomer = new Ownership("second-dispatcher", generation.get(), () -> second.assignment().contains(partition));
            runner.run(order, telegram, newcomer).await().atMost(Duration.ofSeconds(30));

            assertThat(Api.awaitSettled(location, "telegram", "aosta").get("status")).isEqualTo("SENT");
            // Past the moment the first dispatcher's retry was due: it did not send.
            await().pollDelay(Duration.ofMillis(Math.max(1000, Duration.between(Instant.now(), retryDue).toMillis() + 3000)))
                    .atMost(Duration.ofSeconds(30)).until(() -> true);
        }
        // The partition goes back to the service, which reads the record again and finds it SENT.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
        assertThat(Providers.telegram().find(postRequestedFor(urlEqualTo(SEND)))).hasSize(2); // the 429, and the one post
        Map<String, Object> sent = Api.awaitSettled(location, "telegram", "aosta");
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("attempts")).isEqualTo(2);
    }

    /** A consumer of the dispatchers' group whose member id sorts so that the range assignor gives it the key's partition. */
    private static KafkaConsumer<String, String> secondDispatcher(String key) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        int partitions;
        try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            partitions = probe.partitionsFor(Topics.DISPATCH_TELEGRAM).size();
        }
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        // Two members: the first (by id) gets the first ceil(n/2) partitions, the second the rest.
        boolean firstHalf = partition < (partitions + 1) / 2;
        String clientId = firstHalf ? "a-second-dispatcher" : "z-second-dispatcher";
        assertThat(clientId.compareTo(APP_CLIENT) < 0).isEqualTo(firstHalf);
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static TopicPartition partitionOf(KafkaConsumer<String, String> consumer, String key) {
        int partitions = consumer.partitionsFor(Topics.DISPATCH_TELEGRAM).size();
        return new TopicPartition(Topics.DISPATCH_TELEGRAM, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions);
    }
}
