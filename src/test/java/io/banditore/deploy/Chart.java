package io.banditore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** Banditore's Helm chart, linted and rendered by real Helm (helm-java), and its rendered objects. */
final class Chart {

    static final Path DIR = Path.of("helm", "banditore");
    static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");
    static final String RELEASE = "banditore";
    static final String NAMESPACE = "alerts";
    // Helm's own default is an old Kubernetes; the chart asks for 1.25 or later.
    static final String KUBE_VERSION = "1.31.0";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path valuesFile;
    private final Map<String, Object> sets = new LinkedHashMap<>();
    private String release = RELEASE;

    private Chart(Path valuesFile) {
        this.valuesFile = valuesFile;
    }

    static Chart withDefaults() {
        return new Chart(null);
    }

    static Chart withProductionValues() {
        return new Chart(PRODUCTION_VALUES);
    }

    Chart set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    Chart release(String name) {
        this.release = name;
        return this;
    }

    /** helm template; Helm's error (a schema violation, a failed template) is thrown as is. */
    Rendered render() {
        TemplateCommand template = new Helm(DIR).template().withName(release).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new Rendered(template.call());
    }

    /** helm lint --strict of the chart with its defaults. */
    static LintResult lintStrict() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * helm lint --strict with other values: helm-java lints a chart's own values.yaml only, so a copy of the chart
     * gets these values merged over its defaults, as Helm merges a values file.
     */
    static LintResult lintStrict(JsonNode overrides, Path workDir) {
        Path copy = copyChart(workDir);
        try {
            ObjectNode values = (ObjectNode) YAML.readTree(DIR.resolve("values.yaml").toFile());
            merge(values, overrides);
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    static JsonNode productionValues() {
        try {
            return YAML.readTree(PRODUCTION_VALUES.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static Path copyChart(Path workDir) {
        Path target = workDir.resolve("banditore");
        try {
            Files.walkFileTree(DIR, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(DIR.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(DIR.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The objects helm template printed. */
    static final class Rendered {

        final List<JsonNode> objects = new ArrayList<>();

        Rendered(String manifest) {
            try {
                for (Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifest); docs.hasNext();) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                        objects.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        JsonNode get(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered: " + names()));
        }

        boolean has(String kind, String name) {
            return ofKind(kind).stream().anyMatch(o -> name.equals(o.at("/metadata/name").asText()));
        }

        List<String> names() {
            return objects.stream().map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText()).toList();
        }

        /** The Deployment of a role by its component name (router, dispatch-telegram...). */
        JsonNode deployment(String component) {
            return ofKind("Deployment").stream().filter(d -> component.equals(label(d, "app.kubernetes.io/component"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment for " + component + "; rendered: " + names()));
        }

        static String label(JsonNode object, String name) {
            return object.at("/metadata/labels").path(name).asText(null);
        }

        static JsonNode container(JsonNode deployment) {
            JsonNode containers = deployment.at("/spec/template/spec/containers");
            if (containers.size() != 1) {
                throw new AssertionError("expected one container in " + deployment.at("/metadata/name").asText());
            }
            return containers.get(0);
        }

        /** The container's environment: name -> the entry (value or valueFrom). */
        static Map<String, JsonNode> env(JsonNode deployment) {
            Map<String, JsonNode> env = new LinkedHashMap<>();
            for (JsonNode entry : container(deployment).path("env")) {
                JsonNode previous = env.put(entry.path("name").asText(), entry);
                if (previous != null) {
                    throw new AssertionError("environment variable " + entry.path("name").asText() + " set twice");
                }
            }
            return env;
        }

        static String envValue(JsonNode deployment, String name) {
            JsonNode entry = env(deployment).get(name);
            return entry == null ? null : entry.path("value").asText(null);
        }
    }
}
