package io.banditore.deploy;

import static io.banditore.deploy.Chart.Rendered.container;
import static io.banditore.deploy.Chart.Rendered.env;
import static io.banditore.deploy.Chart.Rendered.envValue;
import static io.banditore.deploy.Chart.Rendered.label;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;

import io.banditore.deploy.Chart.Rendered;
import io.banditore.kafka.Topics.Channels;
import io.banditore.support.BuiltInChannels;

/** The Helm chart, linted and rendered by real Helm with the default and the production values. */
class HelmChartTest {

    /** The Kafka consumers each role runs, by component. */
    private static final Map<String, Set<String>> CONSUMERS = Map.of(
            "intake", Set.of(Channels.INTAKE_COMMANDS_IN),
            "router", Set.of(Channels.ALERTS_IN),
            "dispatch-telegram", Set.of(Channels.DISPATCH_TELEGRAM_IN),
            "dispatch-x", Set.of(Channels.DISPATCH_X_IN),
            "dispatch-shortvideo", Set.of(Channels.DISPATCH_SHORTVIDEO_IN),
            "status", Set.of());
    private static final Set<String> DISPATCHERS = Set.of("dispatch-telegram", "dispatch-x", "dispatch-shortvideo");
    private static final List<String> LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by", "helm.sh/chart");
    private static final Pattern SENSITIVE = Pattern.compile(".*(CREDENTIALS|TOKEN|PASSWORD|JAAS|SECRET|SIGNING).*");

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of("default values", (Supplier<Chart>) Chart::withDefaults),
                Arguments.of("production values", (Supplier<Chart>) Chart::withProductionValues));
    }

    private static String consumerFlag(String channel) {
        return "MP_MESSAGING_INCOMING_" + channel.toUpperCase().replace('-', '_') + "_ENABLED";
    }

    // --- helm lint --strict ------------------------------------------------------------------------------------

    @Test
    void lintStrictPassesWithTheDefaultValues() {
        LintResult lint = Chart.lintStrict();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintStrictPassesWithTheProductionValues(@TempDir Path work) {
        LintResult lint = Chart.lintStrict(Chart.productionValues(), work);
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintFailsWhenTheValuesBreakTheSchema(@TempDir Path work) {
        ObjectNode tooShort = JsonNodeFactory.instance.objectNode();
        tooShort.putObject("probes").putObject("readiness").put("timeoutSeconds", 5);
        LintResult lint = Chart.lintStrict(tooShort, work);
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("timeoutSeconds");
    }

    // --- roles ---------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void oneDeploymentPerRoleEachRunningOnlyItsOwnConsumers(String name, Supplier<Chart> chart) {
        Rendered rendered = chart.get().render();
        List<JsonNode> deployments = rendered.ofKind("Deployment");
        assertThat(deployments).extracting(d -> label(d, "app.kubernetes.io/component"))
                .containsExactlyInAnyOrderElementsOf(CONSUMERS.keySet());
        for (JsonNode deployment : deployments) {
            String role = label(deployment, "app.kubernetes.io/component");
            Set<String> running = new TreeSet<>();
            for (String channel : allConsumers()) {
                String flag = envValue(deployment, consumerFlag(channel));
                assertThat(flag).as("%s sets %s", role, consumerFlag(channel)).isIn("true", "false");
                if (flag.equals("true")) {
                    running.add(channel);
                }
            }
            assertThat(running).as("consumers of %s", role).isEqualTo(new TreeSet<>(CONSUMERS.get(role)));
        }
    }

    @Test
    void theSwitchedConsumersAreTheApplicationsIncomingChannelsEachDeclaredSoAnEnvironmentVariableReachesIt() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        // Every @Incoming of the application's classes (a channel's dispatch consumer is declared in its package).
        Set<String> incoming = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (var files = Files.walk(classes.resolve("io/banditore"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    for (Method method : Class.forName(name, false, getClass().getClassLoader()).getDeclaredMethods()) {
                        Incoming in = method.getAnnotation(Incoming.class);
                        if (in != null) {
                            incoming.add(in.value());
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot read " + name, e);
                }
            }
        }
        assertThat(incoming).isEqualTo(allConsumers());
        // MP_MESSAGING_INCOMING_DISPATCH_X_IN_ENABLED maps onto the dashed name only when that name is declared.
        for (String channel : incoming) {
            assertThat(properties.getProperty("mp.messaging.incoming." + channel + ".enabled")).as(channel).isEqualTo("true");
        }
    }

    @Test
    void everyConsumerRunsInExactlyOneRoleAndTheSchedulerInTheIntakeOnly() {
        Rendered rendered = Chart.withDefaults().render();
        Map<String, Integer> runs = new HashMap<>();
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            for (String channel : allConsumers()) {
                if ("true".equals(envValue(deployment, consumerFlag(channel)))) {
                    runs.merge(channel, 1, Integer::sum);
                }
            }
            boolean intake = label(deployment, "app.kubernetes.io/component").equals("intake");
            assertThat(envValue(deployment, "QUARKUS_SCHEDULER_ENABLED")).isEqualTo(String.valueOf(intake));
            // A container restarted after a crash is the same dispatcher: it takes up what its previous run left SENDING.
            assertThat(env(deployment).get("BANDITORE_DISPATCH_INSTANCE").at("/valueFrom/fieldRef/fieldPath").asText())
                    .isEqualTo("metadata.name");
        }
        assertThat(runs).containsOnlyKeys(allConsumers()).allSatisfy((channel, count) -> assertThat(count).isOne());
    }

    @Test
    void disablingARoleRemovesItsObjects() {
        Rendered all = Chart.withProductionValues().render();
        Rendered without = Chart.withProductionValues().set("roles.dispatchX.enabled", false).render();

        for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler")) {
            assertThat(all.has(kind, "banditore-dispatch-x")).as("%s with the role", kind).isTrue();
            assertThat(without.has(kind, "banditore-dispatch-x")).as("%s without the role", kind).isFalse();
        }
        assertThat(without.ofKind("Deployment")).hasSize(CONSUMERS.size() - 1);
        assertThat(without.get("ServiceMonitor", "banditore").at("/spec/selector/matchExpressions/0/values"))
                .extracting(JsonNode::asText).doesNotContain("dispatch-x").contains("dispatch-telegram");
    }

    @Test
    void anAutoscaledRoleLeavesItsReplicasToItsAutoscaler() {
        Rendered rendered = Chart.withProductionValues().render();
        assertThat(rendered.ofKind("HorizontalPodAutoscaler")).extracting(h -> label(h, "app.kubernetes.io/component"))
                .containsExactlyInAnyOrder("intake", "dispatch-telegram", "dispatch-x", "dispatch-shortvideo");
        for (JsonNode hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = rendered.get("Deployment", hpa.at("/spec/scaleTargetRef/name").asText());
            assertThat(target.at("/spec/replicas").isMissingNode()).as("replicas of %s", target.at("/metadata/name")).isTrue();
            assertThat(hpa.at("/spec/minReplicas").asInt()).isPositive().isLessThanOrEqualTo(hpa.at("/spec/maxReplicas").asInt());
        }
        assertThat(rendered.deployment("router").at("/spec/replicas").asInt()).isEqualTo(3);
    }

    // --- pods ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void probesWatchTheHealthEndpointsAndReadinessOutwaitsTheKafkaCheck(String name, Supplier<Chart> chart) {
        for (JsonNode deployment : chart.get().render().ofKind("Deployment")) {
            JsonNode container = container(deployment);
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).isGreaterThanOrEqualTo(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyContainerHasRequestsAndLimits(String name, Supplier<Chart> chart) {
        for (JsonNode deployment : chart.get().render().ofKind("Deployment")) {
            JsonNode resources = container(deployment).path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(bound).path(resource).asText())
                            .as("%s %s.%s", deployment.at("/metadata/name").asText(), bound, resource).isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void podsRunAsNonRootOnAReadOnlyFileSystemWithoutPrivileges(String name, Supplier<Chart> chart) {
        for (JsonNode deployment : chart.get().render().ofKind("Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();

            JsonNode container = container(deployment);
            assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
            assertThat(container.at("/securityContext/capabilities/add").isMissingNode()).isTrue();
            assertThat(container.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

            // /tmp is the one writable place, an emptyDir.
            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertThat(tmpVolume).isNotNull();
            String tmp = tmpVolume;
            assertThat(pod.path("volumes")).filteredOn(v -> v.path("name").asText().equals(tmp))
                    .singleElement().satisfies(v -> assertThat(v.has("emptyDir")).isTrue());
        }
    }

    // --- configuration and secrets -------------------------------------------------------------------------------

    @Test
    void credentialsReachTheDispatchersOnlyAndOnlyByReferenceToExistingSecrets() {
        Rendered rendered = Chart.withProductionValues().render();
        JsonNode values = Chart.productionValues();

        assertThat(rendered.ofKind("Secret")).as("the chart creates no Secret").isEmpty();
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            String role = label(deployment, "app.kubernetes.io/component");
            List<String> secretRefs = new ArrayList<>();
            for (JsonNode from : container(deployment).path("envFrom")) {
                if (from.has("secretRef")) {
                    secretRefs.add(from.at("/secretRef/name").asText());
                }
            }
            Map<String, JsonNode> env = env(deployment);
            for (Map.Entry<String, JsonNode> entry : env.entrySet()) {
                if (SENSITIVE.matcher(entry.getKey()).matches()) {
                    assertThat(entry.getValue().has("value")).as("%s of %s is a literal", entry.getKey(), role).isFalse();
                    assertThat(entry.getValue().at("/valueFrom/secretKeyRef/name").asText()).as(entry.getKey()).isNotBlank();
                }
            }
            if (DISPATCHERS.contains(role)) {
                assertThat(secretRefs).containsExactly(values.at("/credentials/secrets/0").asText());
                JsonNode ref = values.at("/credentials/secretKeyRefs/0");
                assertThat(env.get(ref.path("env").asText()).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(ref.path("secret").asText());
                assertThat(env.get(ref.path("env").asText()).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(ref.path("key").asText());
            } else {
                assertThat(secretRefs).as("credentials of %s", role).isEmpty();
                assertThat(env.keySet()).as("credentials of %s", role).noneMatch(n -> n.startsWith("BANDITORE_CREDENTIALS_"));
            }
        }
        for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
            assertThat(configMap.path("data").toString()).doesNotContainIgnoringCase("credentials_").doesNotContain("sasl.jaas.config");
        }
    }

    @Test
    void everyPodReadsTheOneVideoLinksSigningKeyFromASecret() {
        Map<String, String> expected = Map.of("default values", "civica-banditore-credentials/BANDITORE_SHORTVIDEO_LINKS_SIGNING_KEY",
                "production values", "banditore-video-links/signing-key");
        for (var chart : Map.of("default values", Chart.withDefaults().release("civica"),
                "production values", Chart.withProductionValues().release("civica")).entrySet()) {
            Set<String> refs = new TreeSet<>();
            for (JsonNode deployment : chart.getValue().render().ofKind("Deployment")) {
                JsonNode key = env(deployment).get("BANDITORE_SHORTVIDEO_LINKS_SIGNING_KEY");
                assertThat(key).as("%s: %s", chart.getKey(), label(deployment, "app.kubernetes.io/component")).isNotNull();
                assertThat(key.has("value")).isFalse();
                assertThat(key.at("/valueFrom/secretKeyRef/optional").asBoolean(false)).as("a pod never starts with a key of its own").isFalse();
                refs.add(key.at("/valueFrom/secretKeyRef/name").asText() + "/" + key.at("/valueFrom/secretKeyRef/key").asText());
            }
            assertThat(refs).as(chart.getKey()).containsExactly(expected.get(chart.getKey()));
        }
    }

    @Test
    void withoutNamedSecretsTheDispatchersReadTheReleasesCredentialsSecret() {
        Rendered rendered = Chart.withDefaults().release("civica").render();
        for (String role : DISPATCHERS) {
            assertThat(container(rendered.deployment(role)).at("/envFrom/1/secretRef/name").asText()).isEqualTo("civica-banditore-credentials");
        }
    }

    @Test
    void theConfigMapCarriesKafkaTheDirectoryAndTheTokenVerification() throws IOException {
        Rendered rendered = Chart.withProductionValues().render();
        JsonNode values = Chart.productionValues();
        JsonNode config = rendered.get("ConfigMap", "banditore-config").path("data");
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("banditore-kafka-bootstrap:9093");
        assertThat(config.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).isEqualTo(values.at("/jwt/publicKeyLocation").asText());
        assertThat(config.path("MP_JWT_VERIFY_ISSUER").asText()).isEqualTo(values.at("/jwt/issuer").asText());
        assertThat(config.path("BANDITORE_KAFKA_CREATE_TOPICS").asText()).isEqualTo("false");
        assertThat(config.path("BANDITORE_DISPATCH_MAX_ATTEMPTS").asText()).isEqualTo("8");

        // The directory is the mounted file the location names.
        String location = config.path("BANDITORE_DIRECTORY_LOCATION").asText();
        JsonNode intake = rendered.deployment("intake");
        JsonNode directory = rendered.get("ConfigMap", "banditore-directory");
        assertThat(location).isEqualTo(mountedFile(intake, "banditore-directory", "directory.yaml"));
        JsonNode targets = Chart.YAML.readTree(directory.at("/data/directory.yaml").asText()).path("targets");
        assertThat(targets).extracting(t -> t.path("id").asText()).containsExactly("chivasso", "trieste");
        for (JsonNode target : targets) {
            assertThat(target.path("istat").asText()).matches("[0-9]{6}");
            target.path("channels").fields().forEachRemaining(channel -> {
                assertThat(BuiltInChannels.declared().entries()).contains(channel.getKey());
                assertThat(channel.getValue().path("credentials").asText()).isNotBlank();
            });
        }

        // Properties an environment variable cannot spell come as a file, named by QUARKUS_CONFIG_LOCATIONS.
        assertThat(config.path("QUARKUS_CONFIG_LOCATIONS").asText())
                .isEqualTo(mountedFile(intake, "banditore-config-files", "application.properties"));
        Properties properties = new Properties();
        properties.load(new StringReader(rendered.get("ConfigMap", "banditore-config-files").at("/data/application.properties").asText()));
        assertThat(properties.getProperty("banditore.security.allowed-senders.comune-chivasso")).isEqualTo("*@comune.chivasso.to.it");

        // Every Deployment reads this configuration and rolls when it changes.
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            assertThat(container(deployment).at("/envFrom/0/configMapRef/name").asText()).isEqualTo("banditore-config");
            assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asText()).hasSize(64);
        }
        String before = rendered.deployment("router").at("/spec/template/metadata/annotations/checksum~1config").asText();
        String after = Chart.withProductionValues().set("env.BANDITORE_DISPATCH_MAX_ATTEMPTS", "9").render()
                .deployment("router").at("/spec/template/metadata/annotations/checksum~1config").asText();
        assertThat(after).isNotEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void eachRoleConnectsToStrimziOverTlsAsItsOwnKafkaUser(String name, Supplier<Chart> chart) {
        Rendered rendered = chart.get().render();
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            String role = label(deployment, "app.kubernetes.io/component");
            assertThat(envValue(deployment, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(envValue(deployment, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            JsonNode jaas = env(deployment).get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef");
            assertThat(jaas.path("name").asText()).isEqualTo("banditore-" + role);
            assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
            assertThat(envValue(deployment, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            assertThat(envValue(deployment, "KAFKA_SSL_TRUSTSTORE_LOCATION"))
                    .isEqualTo(mountedSecretFile(deployment, "banditore-cluster-ca-cert", "ca.crt"));
        }

        Rendered plain = Chart.withDefaults().set("kafka.tls.enabled", false).set("kafka.authentication.type", "none").render();
        assertThat(env(plain.deployment("router"))).doesNotContainKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_JAAS_CONFIG",
                "KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertThat(plain.deployment("router").at("/spec/template/spec/volumes").toString()).doesNotContain("banditore-cluster-ca-cert");

        Rendered mutualTls = chart.get().set("kafka.authentication.type", "tls").render();
        JsonNode router = mutualTls.deployment("router");
        assertThat(envValue(router, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SSL");
        assertThat(envValue(router, "KAFKA_SSL_KEYSTORE_LOCATION")).isEqualTo(mountedSecretFile(router, "banditore-router", "user.p12"));
        assertThat(env(router).get("KAFKA_SSL_KEYSTORE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("user.password");

        assertThatThrownBy(() -> chart.get().set("kafka.tls.enabled", false).set("kafka.authentication.type", "tls").render())
                .hasMessageContaining("kafka.tls.enabled");
    }

    // --- labels and wiring ---------------------------------------------------------------------------------------

    @Test
    void everyObjectCarriesTheSameLabels() {
        Rendered rendered = Chart.withProductionValues().release("civica").render();
        assertThat(rendered.objects).extracting(o -> o.path("kind").asText()).contains("ServiceAccount", "ConfigMap", "Deployment",
                "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress", "ServiceMonitor", "PrometheusRule", "NetworkPolicy");
        for (JsonNode object : rendered.objects) {
            String what = object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
            JsonNode labels = object.at("/metadata/labels");
            assertThat(LABELS).as(what).allMatch(l -> !labels.path(l).asText().isBlank());
            assertThat(labels.path("app.kubernetes.io/name").asText()).as(what).isEqualTo("banditore");
            assertThat(labels.path("app.kubernetes.io/instance").asText()).as(what).isEqualTo("civica");
            assertThat(labels.path("app.kubernetes.io/part-of").asText()).as(what).isEqualTo("banditore");
            assertThat(labels.path("app.kubernetes.io/managed-by").asText()).as(what).isEqualTo("Helm");
            assertThat(labels.path("helm.sh/chart").asText()).as(what).isEqualTo("banditore-0.1.0");
            assertThat(labels.path("app.kubernetes.io/version").asText()).as(what).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(object.at("/metadata/name").asText()).as(what).startsWith("civica-banditore");
        }
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(LABELS).allMatch(l -> podLabels.path(l).asText().equals(label(deployment, l)));
        }
    }

    @Test
    void servicesBudgetsAndTheIngressReachTheRightPods() {
        Rendered rendered = Chart.withProductionValues().render();
        for (String kind : List.of("Service", "PodDisruptionBudget")) {
            for (JsonNode object : rendered.ofKind(kind)) {
                JsonNode selector = kind.equals("Service") ? object.at("/spec/selector") : object.at("/spec/selector/matchLabels");
                List<JsonNode> selected = rendered.ofKind("Deployment").stream().filter(d -> selects(selector, d)).toList();
                assertThat(selected).as("%s %s selects", kind, object.at("/metadata/name").asText()).hasSize(1);
                assertThat(label(selected.get(0), "app.kubernetes.io/component")).isEqualTo(label(object, "app.kubernetes.io/component"));
            }
        }
        JsonNode ingress = rendered.get("Ingress", "banditore");
        Map<String, String> backends = new HashMap<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            JsonNode service = path.at("/backend/service");
            assertThat(rendered.has("Service", service.path("name").asText())).isTrue();
            assertThat(service.at("/port/name").asText()).isEqualTo("http");
            backends.put(path.path("path").asText(), service.path("name").asText());
        }
        assertThat(backends).containsEntry("/api", "banditore-intake").containsEntry("/", "banditore-status")
                .containsEntry("/api/v1/deliveries", "banditore-status");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo(ingress.at("/spec/rules/0/host").asText());

        assertThatThrownBy(() -> Chart.withProductionValues().set("roles.status.enabled", false).render())
                .hasMessageContaining("not an enabled HTTP role");
    }

    @Test
    void monitoringScrapesEveryRoleAndAlertsOnDeadLettersFailuresAndLag() {
        Rendered rendered = Chart.withProductionValues().render();
        JsonNode monitor = rendered.get("ServiceMonitor", "banditore");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/selector/matchExpressions/0/values")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(CONSUMERS.keySet());

        Map<String, String> alerts = new HashMap<>();
        for (JsonNode group : rendered.get("PrometheusRule", "banditore").at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        assertThat(alerts.get("BanditoreDeadLetters")).contains("banditore_dead_letters_total");
        assertThat(alerts.get("BanditoreDeliveriesFailed")).contains("banditore_deliveries_total").contains("status=\"FAILED\"");
        assertThat(alerts.get("BanditoreConsumerLag")).contains("kafka_consumer_fetch_manager_records_lag_max").endsWith("> 500");

        JsonNode policy = rendered.get("NetworkPolicy", "banditore");
        Set<Integer> egressPorts = new HashSet<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            rule.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt()));
        }
        assertThat(egressPorts).contains(53, 9093, 443);
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");

        Rendered plain = Chart.withDefaults().render();
        assertThat(plain.ofKind("ServiceMonitor")).isEmpty();
        assertThat(plain.ofKind("PrometheusRule")).isEmpty();
        assertThat(plain.ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void theGrafanaDashboardIsAnOptionalConfigMapForTheSidecarDrawnOnlyOverMetricsTheServiceHas() throws IOException {
        assertThat(Chart.withDefaults().render().has("ConfigMap", "banditore-grafana-dashboard")).as("off by default").isFalse();
        Rendered rendered = Chart.withProductionValues().set("metrics.grafanaDashboard.namespace", "monitoring").render();
        JsonNode configMap = rendered.get("ConfigMap", "banditore-grafana-dashboard");
        assertThat(label(configMap, "grafana_dashboard")).isEqualTo("1");
        assertThat(configMap.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Banditore");
        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("monitoring");

        JsonNode dashboard = Chart.YAML.readTree(configMap.at("/data/banditore.json").asText());
        assertThat(dashboard.path("uid").asText()).isEqualTo("banditore");
        List<String> titles = new ArrayList<>();
        Set<String> metrics = new TreeSet<>();
        Matcher names = Pattern.compile("\\b(banditore_[a-z_]+|kafka_[a-z_]+)\\b").matcher("");
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as("every query is scoped to the chosen namespace").contains("namespace=\"$namespace\"");
                names.reset(expr);
                while (names.find()) {
                    metrics.add(names.group(1));
                }
            }
        }
        assertThat(String.join(" | ", titles).toLowerCase()).contains("deliveries by channel and state", "latency", "lag", "retries",
                "dead letters", "in flight");
        // Each metric is one the application registers (Micrometer's dotted name in the code), or Kafka's client lag.
        String sources = sources(Path.of("src", "main", "java"));
        for (String metric : metrics) {
            if (metric.startsWith("kafka_")) {
                assertThat(metric).isEqualTo("kafka_consumer_fetch_manager_records_lag_max");
                continue;
            }
            String dotted = metric.replaceAll("_(total|seconds_bucket|seconds_count|seconds_sum|seconds)$", "").replace('_', '.');
            assertThat(sources).as("the code registers %s (%s)", dotted, metric).contains("\"" + dotted + "\"");
        }
        assertThat(metrics).contains("banditore_deliveries_total", "banditore_delivery_latency_seconds_bucket",
                "banditore_dispatch_lag_seconds_bucket", "banditore_delivery_retries_total", "banditore_dead_letters_total",
                "banditore_consumer_in_flight", "kafka_consumer_fetch_manager_records_lag_max");
    }

    private static String sources(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    // --- the schema ----------------------------------------------------------------------------------------------

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("probes.readiness.timeoutSeconds", 5, "timeoutSeconds"),
                Arguments.of("securityContext.readOnlyRootFilesystem", false, "readOnlyRootFilesystem"),
                Arguments.of("podSecurityContext.runAsNonRoot", false, "runAsNonRoot"),
                Arguments.of("kafka.authentication.type", "plain", "type"),
                Arguments.of("kafka.bootstrapServers", "kafka without port", "bootstrapServers"),
                Arguments.of("roles.router.consumers[0]", "dispatch-fax-in", "consumers"),
                Arguments.of("roles.router.resources.limits", null, "limits"),
                Arguments.of("roles.router.replicaz", 3, "replicaz"),
                Arguments.of("env.BANDITORE_CREDENTIALS_CHIVASSO_TELEGRAM_BOT_TOKEN", "110201543:AAH", "BANDITORE_CREDENTIALS_CHIVASSO_TELEGRAM_BOT_TOKEN"),
                Arguments.of("properties.banditore\\.credentials\\.chivasso\\.x-access-token", "token", "banditore.credentials"),
                Arguments.of("metrics.grafanaDashboard.namespace", "Not A Namespace", "namespace"),
                Arguments.of("image.pullPolicy", "Sometimes", "pullPolicy"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void theSchemaRefusesABadValue(String key, Object value, String named) {
        assertThatThrownBy(() -> Chart.withDefaults().set(key, value).render())
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(named);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Set<String> allConsumers() {
        Set<String> all = new TreeSet<>();
        CONSUMERS.values().forEach(all::addAll);
        return all;
    }

    private static boolean selects(JsonNode selector, JsonNode deployment) {
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        List<Map.Entry<String, JsonNode>> wanted = new ArrayList<>();
        selector.fields().forEachRemaining(wanted::add);
        return !wanted.isEmpty() && wanted.stream().allMatch(e -> podLabels.path(e.getKey()).asText().equals(e.getValue().asText()));
    }

    /** The path at which a ConfigMap's key is mounted in a Deployment's container. */
    private static String mountedFile(JsonNode deployment, String configMap, String key) {
        return mounted(deployment, v -> v.at("/configMap/name").asText().equals(configMap), key);
    }

    private static String mountedSecretFile(JsonNode deployment, String secret, String file) {
        return mounted(deployment, v -> v.at("/secret/secretName").asText().equals(secret), file);
    }

    private static String mounted(JsonNode deployment, Predicate<JsonNode> isVolume, String file) {
        String where = deployment.at("/metadata/name").asText();
        List<JsonNode> volumes = new ArrayList<>();
        deployment.at("/spec/template/spec/volumes").forEach(volumes::add);
        JsonNode volume = volumes.stream().filter(isVolume).findFirst().orElseThrow(() -> new AssertionError("no such volume in " + where));
        JsonNode items = volume.has("configMap") ? volume.at("/configMap/items") : volume.at("/secret/items");
        if (!items.isMissingNode()) {
            assertThat(items).extracting(i -> i.path("path").asText()).as("files of %s", volume.path("name")).contains(file);
        }
        List<JsonNode> mounts = new ArrayList<>();
        container(deployment).path("volumeMounts").forEach(mounts::add);
        JsonNode mount = mounts.stream().filter(m -> m.path("name").asText().equals(volume.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(volume.path("name") + " is not mounted in " + where));
        assertThat(mount.path("readOnly").asBoolean()).as("%s read-only", mount.path("name")).isTrue();
        return mount.path("mountPath").asText() + "/" + file;
    }
}
