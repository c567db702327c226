package io.banditore.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The AsyncAPI document tells the truth: it names every topic the code has (read from Topics, so a topic added there
 * fails here until it is documented), and every record the flow puts on the broker validates against its schemas.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class AsyncApiIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void theDocumentNamesEveryTopicOfTheCodeAndNoOther() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).isEqualTo(topicsInCode());

        // Every channel is sent by some role, and every reference in the document resolves.
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("channels").fields(); it.hasNext();) {
            String name = it.next().getKey();
            assertThat(doc.path("operations")).as("an operation sends on %s", name)
                    .anySatisfy(op -> assertThat(op.path("action").asText() + " " + op.path("channel").path("$ref").asText())
                            .isEqualTo("send #/channels/" + name));
        }
        doc.path("operations").forEach(op -> {
            assertThat(pointer(doc, op.path("channel").path("$ref").asText())).isNotNull();
            op.path("messages").forEach(m -> assertThat(pointer(doc, m.path("$ref").asText())).isNotNull());
            assertThat(op.path("x-banditore-roles")).isNotEmpty();
        });
        // Each payload schema is the definition it names, not the file's empty root that takes anything.
        messages(doc).forEach((name, message) -> assertThat(payloadSchema(message).validate(JSON.createObjectNode()))
                .as(name + " takes an empty object").isNotEmpty());
    }

    @Test
    void theDocumentAndItsSchemasAreServedAndItsReferencesResolveOverHttp() throws Exception {
        String served = given().get("/api/v1/asyncapi.yaml").then().statusCode(200).extract().asString();
        JsonNode doc = YAML.readTree(served);
        assertThat(doc.path("channels").size()).isEqualTo(topicsInCode().size());
        Set<String> files = new TreeSet<>();
        doc.path("components").path("messages").forEach(m -> files.add(m.path("payload").path("$ref").asText().split("#")[0]));
        assertThat(files).containsExactly("schema/events.v1.json");
        JsonNode events = JSON.readTree(given().get("/api/v1/schema/events.v1.json").then().statusCode(200)
                .contentType("application/schema+json").extract().asString());
        assertThat(events.path("$defs").path("DeliveryStatus").path("properties").has("status")).isTrue();
        given().get("/api/v1/schema/alert.v1.json").then().statusCode(200);
        given().get("/api/v1/schema/other.v1.json").then().statusCode(404);
    }

    @Test
    void everyRecordTheFlowProducesValidatesAgainstItsTopicsSchemas() throws Exception {
        produceOnEveryTopic();
        JsonNode doc = document();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        for (JsonNode channel : doc.path("channels")) {
            String topic = channel.path("address").asText();
            List<JsonNode> messages = new ArrayList<>();
            channel.path("messages").forEach(m -> messages.add(pointer(doc, m.path("$ref").asText())));
            List<ConsumerRecord<String, String>> records = readAll(topic);
            checked.put(topic, records.size());
            for (ConsumerRecord<String, String> record : records) {
                if (record.value() == null) {
                    // A tombstone: what a view let go of after the history's retention, on a compacted topic only.
                    if (!Topics.COMPACTED.contains(topic)) {
                        failures.computeIfAbsent(topic, t -> new ArrayList<>()).add(record.key() + ": a tombstone on a topic that is not compacted");
                    }
                    continue;
                }
                List<String> errors = check(messages, record);
                if (!errors.isEmpty()) {
                    failures.computeIfAbsent(topic, t -> new ArrayList<>()).add(record.key() + ": " + errors);
                }
            }
        }
        assertThat(checked).as("records on every topic").allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
        assertThat(failures).as("records that do not match the document").isEmpty();
    }

    /** An Exercise for Chivasso (every channel; Telegram refuses, for good, so a dead letter) and a target added and removed. */
    private static void produceOnEveryTopic() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        Providers.telegram().register(post(urlEqualTo("/bot123:test-chivasso/sendMessage")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked from the channel chat\"}")));
        String location = Api.postExercise(a -> { }, "001082");
        // Telegram and X settle within seconds; the short video is rendered first, so wait only for its caption package.
        Api.awaitSettled(location, "telegram", "chivasso");
        Api.awaitSettled(location, "x", "chivasso");
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> readAll(Topics.CAPTIONS).stream()
                .anyMatch(r -> r.key() != null && r.key().startsWith(alertId)));
        String admin = Tokens.of("anna", "admin");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"Sonda del contratto\", \"istat\": \"092009\", \"channels\": {\"telegram\": {\"chat\": \"@sonda\", \"credentials\": \"cagliari\"}}}")
                .put("/api/v1/targets/contract-probe").then().statusCode(200);
        given().header("Authorization", admin).delete("/api/v1/targets/contract-probe").then().statusCode(204);
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    /** What is wrong with a record: its value against one of the channel's messages, its key, its headers. */
    private static List<String> check(List<JsonNode> messages, ConsumerRecord<String, String> record) throws Exception {
        JsonNode value = JSON.readTree(record.value());
        List<String> lastErrors = List.of("no message of the channel matches");
        for (JsonNode message : messages) {
            List<String> errors = new ArrayList<>();
            payloadSchema(message).validate(value).forEach(e -> errors.add("value " + e.getMessage()));
            JsonNode key = message.path("bindings").path("kafka").path("key");
            if (!key.isMissingNode()) {
                if (record.key() == null) {
                    errors.add("no key");
                } else {
                    schema(key).validate(TextNode.valueOf(record.key())).forEach(e -> errors.add("key " + e.getMessage()));
                }
            }
            JsonNode headers = message.path("headers");
            if (!headers.isMissingNode()) {
                ObjectNode present = JSON.createObjectNode();
                for (Header h : record.headers()) {
                    present.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                schema(headers).validate(present).forEach(e -> errors.add("headers " + e.getMessage()));
            }
            if (errors.isEmpty()) {
                return errors;
            }
            lastErrors = errors;
        }
        return lastErrors;
    }

    private static JsonSchema payloadSchema(JsonNode message) {
        return schema(message.path("payload"));
    }

    /** A schema of the document: a reference to a file beside it, or written inline. */
    private static JsonSchema schema(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref != null) {
            return SCHEMAS.getSchema(SchemaLocation.of("classpath:schema/" + ref));
        }
        return SCHEMAS.getSchema(node);
    }

    private static Set<String> topicsInCode() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                topics.add((String) f.get(null));
            }
        }
        assertThat(topics).containsAll(Topics.ALL);
        return topics;
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = AsyncApiIT.class.getClassLoader().getResourceAsStream(AsyncApiResource.DOCUMENT)) {
            return YAML.readTree(in);
        }
    }

    private static Map<String, JsonNode> messages(JsonNode doc) {
        Map<String, JsonNode> all = new HashMap<>();
        doc.path("components").path("messages").fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    /** Follows a local reference ({@code #/channels/alerts/messages/x}), and any reference the target is itself. */
    private static JsonNode pointer(JsonNode doc, String ref) {
        assertThat(ref).startsWith("#/");
        JsonNode node = doc.at(ref.substring(1).replace("~1", "/"));
        assertThat(node.isMissingNode()).as(ref).isFalse();
        return node.has("$ref") && node.path("$ref").asText().startsWith("#/") ? pointer(doc, node.path("$ref").asText()) : node;
    }

    /** Every record now on the topic, from the start. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
