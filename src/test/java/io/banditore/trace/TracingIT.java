package io.banditore.trace;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.banditore.kafka.Topics;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** One delivery is one trace: the POST, every Kafka hop and the provider call, whatever the thread each ran on. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class TracingIT {

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        spans.reset();
    }

    @Test
    void oneTraceSpansThePostEveryKafkaHopAndTheProviderCall() {
        String location = Api.postExercise(a -> { }, "001082");
        Map<String, Object> telegram = Api.awaitDelivery(location, "telegram", "chivasso", d -> "SENT".equals(d.get("status")));

        SpanData post = await().atMost(Duration.ofSeconds(10)).until(() -> find(s -> s.getKind() == SpanKind.SERVER
                && "POST /api/v1/alerts".equals(s.getName())), Optional::isPresent).orElseThrow();
        String trace = post.getTraceId();
        // The intake's decision: the request's command, taken by the decider, which publishes the alert.
        SpanData asked = awaitSpan(trace, SpanKind.PRODUCER, Topics.INTAKE_COMMANDS + " publish", post);
        SpanData decided = awaitSpan(trace, SpanKind.CONSUMER, Topics.INTAKE_COMMANDS + " receive", asked);
        SpanData published = awaitSpan(trace, SpanKind.PRODUCER, "alerts.v1 publish", decided);
        SpanData routed = awaitSpan(trace, SpanKind.CONSUMER, "alerts.v1 receive", published);
        SpanData queued = awaitSpan(trace, SpanKind.PRODUCER, "dispatch.telegram publish", routed);
        SpanData dispatched = awaitSpan(trace, SpanKind.CONSUMER, "dispatch.telegram receive", queued);
        SpanData call = awaitSpan(trace, SpanKind.CLIENT, "POST /bot{token}/sendMessage", dispatched);
        assertThat(call.getAttributes().get(CredentialRedaction.URL_FULL)).endsWith("/bot{token}/sendMessage");

        // The status the dashboard shows names the trace to follow.
        assertThat(telegram.get("traceId")).isEqualTo(trace);
        assertThat(Api.awaitDelivery(location, "x", "chivasso", d -> "SENT".equals(d.get("status"))).get("traceId")).isEqualTo(trace);
        assertNoCredentialIn(trace);
    }

    @Test
    void aRetriedProviderCallIsInTheSameTraceAndNoSpanCarriesTheBotToken() {
        String send = "/bot790:test-ivrea/sendMessage";
        Providers.telegram().register(post(urlEqualTo(send)).atPriority(1).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":1}}").withFixedDelay(4000)).willSetStateTo("answered"));
        Providers.telegram().register(post(urlEqualTo(send)).atPriority(1).inScenario("slow").whenScenarioStateIs("answered")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":2,\"chat\":{\"id\":-1001,\"username\":\"comunediivrea\"}}}")));
        String location = Api.postExercise(a -> { }, "001125");
        Map<String, Object> delivery = Api.awaitDelivery(location, "telegram", "ivrea", d -> "SENT".equals(d.get("status")));
        String trace = (String) delivery.get("traceId");
        assertThat(trace).matches("[0-9a-f]{32}");
        List<SpanData> calls = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(trace) && s.getKind() == SpanKind.CLIENT).toList(), l -> l.size() >= 2);
        // The call that timed out and the one that was answered, both under the same dispatcher's span.
        assertThat(calls).extracting(c -> c.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code")))
                .containsNull().contains(200L);
        assertThat(calls).allSatisfy(c -> assertThat(c.getName()).isEqualTo("POST /bot{token}/sendMessage"));
        assertNoCredentialIn(trace);
    }

    private void assertNoCredentialIn(String trace) {
        for (SpanData span : spans.getFinishedSpanItems()) {
            String all = span.getName() + span.getAttributes() + span.getEvents() + span.getStatus();
            assertThat(all).as("span %s of trace %s", span.getName(), span.getTraceId()).doesNotContain("test-chivasso", "test-ivrea");
        }
    }

    private SpanData awaitSpan(String trace, SpanKind kind, String name, SpanData parent) {
        SpanData span = await().atMost(Duration.ofSeconds(10)).until(() -> find(s -> s.getTraceId().equals(trace) && s.getKind() == kind
                && name.equals(s.getName()) && s.getParentSpanId().equals(parent.getSpanId())), Optional::isPresent).orElseThrow();
        return span;
    }

    private Optional<SpanData> find(java.util.function.Predicate<SpanData> wanted) {
        return spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
    }
}
