package io.banditore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.dispatch.ChannelDispatchers;
import io.banditore.kafka.Topics;

/** The plain manifests under k8s/: the kustomize base and overlays, and the Strimzi resources of the Kafka cluster. */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";
    /** The state views every replica of every role keeps, read in assign mode (no consumer group). */
    private static final List<String> VIEWS = List.of(Topics.INTAKE, Topics.DELIVERIES, Topics.AUDIT, Topics.TARGETS, Topics.ROUTING);
    /** Caption packages of the short-video channel, for other systems. */
    private static final String CAPTIONS = "captions.v1";
    /** The topics each role writes, and no other. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "intake", Set.of(Topics.ALERTS, Topics.INTAKE, Topics.INTAKE_COMMANDS, Topics.INTAKE_DECISIONS, Topics.AUDIT, Topics.TARGETS),
            "router", Set.of(Topics.DISPATCH_TELEGRAM, Topics.DISPATCH_X, Topics.DISPATCH_SHORTVIDEO, Topics.DELIVERIES, Topics.ROUTING),
            "dispatch-telegram", Set.of(Topics.DELIVERIES, Topics.DEAD_LETTERS),
            "dispatch-x", Set.of(Topics.DELIVERIES, Topics.DEAD_LETTERS),
            "dispatch-shortvideo", Set.of(Topics.DELIVERIES, Topics.DEAD_LETTERS, CAPTIONS),
            "status", Set.of(Topics.DELIVERIES, Topics.DISPATCH_TELEGRAM, Topics.DISPATCH_X, Topics.DISPATCH_SHORTVIDEO));

    private static Map<Path, List<JsonNode>> documents;
    private static List<JsonNode> base;

    @BeforeAll
    static void readEveryYamlFile() throws IOException {
        documents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                documents.put(file, parse(file));
            }
        }
        base = new ArrayList<>();
        for (Map.Entry<Path, List<JsonNode>> file : documents.entrySet()) {
            boolean inBase = file.getKey().startsWith(K8S.resolve("base")) || file.getKey().startsWith(K8S.resolve("app"));
            if (inBase && !file.getKey().endsWith("kustomization.yaml")) {
                base.addAll(file.getValue());
            }
        }
    }

    @Test
    void everyYamlFileParsesAndEveryObjectSaysWhatItIs() {
        assertThat(documents).containsKeys(K8S.resolve("base/kustomization.yaml"), K8S.resolve("overlays/small-town/kustomization.yaml"),
                K8S.resolve("overlays/region/kustomization.yaml"));
        documents.forEach((file, docs) -> {
            assertThat(docs).as(file.toString()).isNotEmpty();
            for (JsonNode doc : docs) {
                if (file.getFileName().toString().equals("kustomization.yaml") || file.getFileName().toString().equals("directory.yaml")) {
                    continue;
                }
                assertThat(doc.path("apiVersion").asText()).as("apiVersion in %s", file).isNotBlank();
                assertThat(doc.path("kind").asText()).as("kind in %s", file).isNotBlank();
                assertThat(doc.at("/metadata/name").asText()).as("name in %s", file).isNotBlank();
                assertThat(doc.at("/metadata/labels/app.kubernetes.io~1component").asText()).as("component of %s", doc.at("/metadata/name"))
                        .isNotBlank();
            }
        });
    }

    @Test
    void everyKustomizationNamesFilesThatExist() {
        for (Path file : documents.keySet()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            JsonNode kustomization = documents.get(file).get(0);
            Path dir = file.getParent();
            assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
            for (JsonNode resource : kustomization.path("resources")) {
                Path target = dir.resolve(resource.asText()).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s: resource %s", file, resource.asText()).isTrue();
            }
            for (JsonNode generator : kustomization.path("configMapGenerator")) {
                for (String list : List.of("files", "envs")) {
                    for (JsonNode entry : generator.path(list)) {
                        String source = entry.asText().contains("=") ? entry.asText().substring(entry.asText().indexOf('=') + 1) : entry.asText();
                        assertThat(dir.resolve(source)).as("%s: %s of %s", file, list, generator.path("name").asText()).isRegularFile();
                    }
                }
            }
            for (JsonNode patch : kustomization.path("patches")) {
                if (patch.has("path")) {
                    assertThat(dir.resolve(patch.path("path").asText())).isRegularFile();
                } else {
                    assertThat(patch.path("patch").asText()).as("%s: a patch", file).isNotBlank();
                    assertThat(patch.at("/target/kind").asText()).as("%s: a patch's target", file).isNotBlank();
                }
            }
        }
        // Both overlays install the base's Kafka cluster and the application.
        for (String overlay : List.of("small-town", "region")) {
            JsonNode kustomization = documents.get(K8S.resolve("overlays/" + overlay + "/kustomization.yaml")).get(0);
            assertThat(kustomization.path("resources")).extracting(JsonNode::asText).contains("../../base", "../../app");
        }
    }

    @Test
    void theKafkaClusterRunsInKraftModeOnNodePools() {
        List<JsonNode> kafkas = ofKind(base, "Kafka");
        assertThat(kafkas).hasSize(1);
        JsonNode kafka = kafkas.get(0);
        assertThat(kafka.path("apiVersion").asText()).isEqualTo(STRIMZI_API);
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).isTrue();
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        JsonNode listener = kafka.at("/spec/kafka/listeners/0");
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        JsonNode config = kafka.at("/spec/kafka/config");
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();

        String cluster = kafka.at("/metadata/name").asText();
        assertNodePools(ofKind(base, "KafkaNodePool"), cluster);
        // The region replaces the dual-role pool with dedicated controllers and brokers.
        assertNodePools(ofKind(documents.get(K8S.resolve("overlays/region/node-pools.yaml")), "KafkaNodePool"), cluster);
        assertThat(documents.get(K8S.resolve("overlays/region/kustomization.yaml")).get(0).path("patches").toString())
                .contains("$patch: delete").contains("dual-role");
    }

    private static void assertNodePools(List<JsonNode> pools, String cluster) {
        int controllers = 0;
        int brokers = 0;
        for (JsonNode pool : pools) {
            assertThat(pool.path("apiVersion").asText()).isEqualTo(STRIMZI_API);
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
            List<String> roles = new ArrayList<>();
            pool.at("/spec/roles").forEach(r -> roles.add(r.asText()));
            int replicas = pool.at("/spec/replicas").asInt();
            controllers += roles.contains("controller") ? replicas : 0;
            brokers += roles.contains("broker") ? replicas : 0;
            assertThat(pool.at("/spec/storage/volumes/0/deleteClaim").asBoolean(true)).as("keep the data of %s", pool.at("/metadata/name")).isFalse();
        }
        assertThat(controllers).as("a quorum of controllers").isGreaterThanOrEqualTo(3).matches(n -> n % 2 == 1, "odd");
        assertThat(brokers).as("brokers for replication 3").isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyTopicOfTheApplicationIsAStrimziTopicReplicatedThreeTimes() {
        Map<String, JsonNode> topics = new TreeMap<>();
        String cluster = ofKind(base, "Kafka").get(0).at("/metadata/name").asText();
        for (JsonNode topic : ofKind(base, "KafkaTopic")) {
            assertThat(topic.path("apiVersion").asText()).isEqualTo(STRIMZI_API);
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
            String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
            assertThat(topics.put(name, topic)).as("one KafkaTopic for %s", name).isNull();
        }
        Set<String> expected = new TreeSet<>(Topics.ALL);
        expected.add(CAPTIONS);
        assertThat(topics.keySet()).isEqualTo(expected);

        topics.forEach((name, topic) -> {
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("partitions").asInt()).as("partitions of %s", name).isPositive();
            if (Topics.SINGLE_PARTITION.contains(name)) {
                assertThat(spec.path("partitions").asInt()).as("%s has exactly one partition", name).isEqualTo(1);
            }
            assertThat(spec.path("replicas").asInt()).as("replicas of %s", name).isEqualTo(3);
            assertThat(spec.at("/config/min.insync.replicas").asInt()).as("min.insync.replicas of %s", name).isEqualTo(2);
            String cleanup = spec.at("/config/cleanup.policy").asText();
            if (Topics.COMPACTED.contains(name)) {
                assertThat(cleanup).as("%s holds a state", name).isEqualTo("compact");
            } else {
                assertThat(cleanup).as("%s is a log", name).isEqualTo("delete");
                assertThat(spec.at("/config/retention.ms").asLong()).as("retention of %s", name).isPositive();
            }
        });
        assertThat(topics.get(Topics.AUDIT).at("/spec/config/retention.ms").asLong())
                .as("the audit trail outlives the alerts").isGreaterThan(topics.get(Topics.ALERTS).at("/spec/config/retention.ms").asLong());
    }

    @Test
    void everyRoleHasAKafkaUserAllowedOnlyWhatItDoes() throws IOException {
        Map<String, JsonNode> users = new HashMap<>();
        Set<String> topicNames = new TreeSet<>();
        ofKind(base, "KafkaTopic").forEach(t -> topicNames.add(t.at("/spec/topicName").asText()));
        for (JsonNode user : ofKind(base, "KafkaUser")) {
            assertThat(user.path("apiVersion").asText()).isEqualTo(STRIMZI_API);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
            users.put(user.at("/metadata/name").asText(), user);
        }

        // The chart's roles authenticate as these users, and consume what application.properties says.
        JsonNode roles = Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile()).path("roles");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertThat(users).hasSameSizeAs(WRITES);
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> role = it.next();
            String component = role.getKey().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            String userName = role.getValue().path("kafkaUser").asText();
            assertThat(users).as("KafkaUser of %s", component).containsKey(userName);
            Map<String, Set<String>> acls = acls(users.get(userName));

            for (String view : VIEWS) {
                assertThat(acls.get("topic:" + view)).as("%s reads the view %s", component, view).contains("Read", "Describe");
            }
            Set<String> groups = new TreeSet<>();
            for (JsonNode consumer : role.getValue().path("consumers")) {
                String channel = consumer.asText();
                // A channel's dispatch consumer takes its settings from the dispatcher unless the properties say otherwise.
                Map<String, Object> declared = channel.matches("dispatch-.+-in")
                        ? ChannelDispatchers.consumerConfigOf(channel.replaceAll("^dispatch-(.+)-in$", "$1")) : Map.of();
                String topic = properties.getProperty("mp.messaging.incoming." + channel + ".topic", (String) declared.get("topic"));
                String group = properties.getProperty("mp.messaging.incoming." + channel + ".group.id", (String) declared.get("group.id"));
                assertThat(acls.get("topic:" + topic)).as("%s reads %s", component, topic).contains("Read", "Describe");
                assertThat(acls.get("group:" + group)).as("%s joins %s", component, group).contains("Read");
                groups.add("group:" + group);
            }
            assertThat(acls.keySet().stream().filter(k -> k.startsWith("group:"))).as("groups of %s", component)
                    .containsExactlyInAnyOrderElementsOf(groups);

            Set<String> writes = new TreeSet<>();
            acls.forEach((resource, operations) -> {
                if (resource.startsWith("topic:") && operations.contains("Write")) {
                    writes.add(resource.substring("topic:".length()));
                }
                if (resource.startsWith("topic:")) {
                    assertThat(topicNames).as("%s names a topic of topics.yaml", component).contains(resource.substring("topic:".length()));
                }
            });
            assertThat(writes).as("topics %s writes", component).isEqualTo(new TreeSet<>(WRITES.get(component)));
            assertThat(acls.containsKey("cluster:")).as("%s writes idempotently", component).isEqualTo(!writes.isEmpty());
            if (!writes.isEmpty()) {
                assertThat(acls.get("cluster:")).containsExactly("IdempotentWrite");
            }
        }
    }

    @Test
    void theBaseRunsEachRoleAsItsOwnDeploymentWithItsOwnUser() {
        List<JsonNode> deployments = ofKind(base, "Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/labels/app.kubernetes.io~1component").asText())
                .containsExactlyInAnyOrderElementsOf(WRITES.keySet());
        Set<String> users = new TreeSet<>();
        ofKind(base, "KafkaUser").forEach(u -> users.add(u.at("/metadata/name").asText()));
        Map<String, Integer> consumers = new HashMap<>();
        for (JsonNode deployment : deployments) {
            String role = deployment.at("/metadata/labels/app.kubernetes.io~1component").asText();
            JsonNode container = Chart.Rendered.container(deployment);
            Map<String, JsonNode> env = Chart.Rendered.env(deployment);
            env.forEach((name, entry) -> {
                if (name.startsWith("MP_MESSAGING_INCOMING_") && entry.path("value").asText().equals("true")) {
                    consumers.merge(name, 1, Integer::sum);
                }
            });
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText()).as(role).isEqualTo("banditore-" + role)
                    .isIn(users);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).isGreaterThanOrEqualTo(6);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
            assertThat(container.at("/resources/requests/cpu").asText()).isNotBlank();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.toString()).as("%s holds no credential", role).doesNotContain("BANDITORE_CREDENTIALS_");
        }
        assertThat(consumers).as("each consumer runs in one role").hasSize(5).allSatisfy((flag, count) -> assertThat(count).isOne());
    }

    @Test
    void everyPodReadsTheOneVideoLinksSigningKeyFromASecret() {
        Set<String> refs = new TreeSet<>();
        for (JsonNode deployment : ofKind(base, "Deployment")) {
            String role = deployment.at("/metadata/labels/app.kubernetes.io~1component").asText();
            JsonNode key = Chart.Rendered.env(deployment).get("BANDITORE_SHORTVIDEO_LINKS_SIGNING_KEY");
            assertThat(key).as("%s's signing key", role).isNotNull();
            assertThat(key.has("value")).as("%s's signing key is a literal", role).isFalse();
            refs.add(key.at("/valueFrom/secretKeyRef/name").asText() + "/" + key.at("/valueFrom/secretKeyRef/key").asText());
        }
        // One key for all: a link the short-video dispatcher signs is checked by whichever pod TikTok reaches.
        assertThat(refs).containsExactly("banditore-video-links/signing-key");
    }

    private static Map<String, Set<String>> acls(JsonNode user) {
        Map<String, Set<String>> acls = new TreeMap<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String resource = acl.at("/resource/type").asText() + ":" + acl.at("/resource/name").asText();
            // A transactional id carries each replica's own suffix, so it is allowed by prefix.
            if (!acl.at("/resource/type").asText().equals("cluster") && !acl.at("/resource/type").asText().equals("transactionalId")) {
                assertThat(acl.at("/resource/patternType").asText()).as(resource).isEqualTo("literal");
            }
            Set<String> operations = acls.computeIfAbsent(resource, r -> new TreeSet<>());
            acl.path("operations").forEach(o -> operations.add(o.asText()));
        }
        return acls;
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static List<JsonNode> parse(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (Iterator<JsonNode> it = Chart.YAML.readerFor(JsonNode.class).readValues(file.toFile()); it.hasNext();) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return docs;
    }
}
