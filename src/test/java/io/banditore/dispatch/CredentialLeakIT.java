package io.banditore.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;

import io.banditore.kafka.Topics;
import io.banditore.support.Alerts;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.SseClient;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No provider credential ever leaves the client: after a Telegram timeout, an X connection reset, a TikTok upload
 * cut off and a provider answer that echoes a token, none of the tokens is in a status, a dead letter, an SSE event
 * or a log line.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class CredentialLeakIT {

    /** Every credential the test profile configures for Aosta and Chivasso, and TikTok's upload token. */
    private static final List<String> SECRETS = List.of("123:test-chivasso", "test-chivasso-x", "act.test-chivasso", "789:test-aosta",
            "test-aosta-consumer", "test-aosta-consumer-secret", "42-test-aosta-token", "test-aosta-token-secret", "upload_token=test-upload");

    @TestHTTPResource("/api/v1/deliveries/stream")
    URI stream;

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLoggerName()).append(' ').append(String.valueOf(new java.util.logging.SimpleFormatter().formatMessage(record)));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void faults() {
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        // Aosta's Telegram never answers in time; its X connection is reset on every call.
        Providers.telegram().register(post(urlEqualTo("/bot789:test-aosta/sendMessage")).atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":1}}").withFixedDelay(3000)));
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("OAuth"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // Chivasso's Telegram answers with an error that repeats the URL called (as a misconfigured proxy does).
        Providers.telegram().register(post(urlEqualTo("/bot123:test-chivasso/sendMessage")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: no route for POST /bot123:test-chivasso/sendMessage\"}")));
        // Chivasso's video upload is cut off (its URL carries TikTok's upload token).
        Providers.tiktok().register(put(urlPathEqualTo("/upload/video/")).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noCredentialIsInAStatusADeadLetterAnEventOrALogLine() throws Exception {
        try (SseClient live = SseClient.open(stream, Tokens.of("oncall", "viewer"), null)) {
            var alert = Alerts.exercise("007003", "001082");
            var response = Api.post(alert.toString(), "mario.rossi");
            response.then().statusCode(202);
            String location = response.header("Location");
            String alertId = Alerts.id(alert);

            List<Map<String, Object>> deliveries = await().atMost(Duration.ofSeconds(120))
                    .until(() -> Api.deliveries(location), l -> l.size() == 5 && Api.allSettled(l));

            Map<String, Object> aostaTelegram = find(deliveries, "aosta", "telegram");
            assertThat(aostaTelegram.get("status")).isEqualTo("FAILED");
            assertThat((String) aostaTelegram.get("error")).contains("no answer from telegram (timed out)");
            Map<String, Object> aostaX = find(deliveries, "aosta", "x");
            assertThat(aostaX.get("status")).isEqualTo("FAILED");
            assertThat((String) aostaX.get("error")).contains("no answer from x (");
            Map<String, Object> chivassoTelegram = find(deliveries, "chivasso", "telegram");
            assertThat(chivassoTelegram.get("status")).isEqualTo("FAILED");
            assertThat((String) chivassoTelegram.get("error")).startsWith("Telegram 400: Bad Request");

            List<String> seen = new ArrayList<>();
            seen.add(mapper.writeValueAsString(deliveries));
            seen.addAll(topic(Topics.DELIVERIES, alertId));
            List<String> letters = topic(Topics.DEAD_LETTERS, alertId);
            assertThat(letters).hasSizeGreaterThanOrEqualTo(3);
            seen.addAll(letters);
            await().atMost(Duration.ofSeconds(10)).until(() -> live.events().stream().anyMatch(e -> e.data().contains(alertId)
                    && e.data().contains("FAILED")));
            live.events().forEach(e -> seen.add(e.data()));
            seen.addAll(logged);
            assertThat(logged).isNotEmpty();

            for (String secret : SECRETS) {
                assertThat(seen).as("texts holding " + secret).noneMatch(text -> text.contains(secret));
            }
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> deliveries, String target, String channel) {
        return deliveries.stream().filter(d -> target.equals(d.get("target")) && channel.equals(d.get("channel"))).findFirst().orElseThrow();
    }

    /** Every record of the topic, from its start to its end now, that concerns the alert. */
    private static List<String> topic(String topic, String alertId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null && r.value().contains(alertId)) {
                        values.add(r.value());
                    }
                });
            }
            return values;
        }
    }
}
