package io.banditore.channel.shortvideo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.banditore.alert.Alert;
import io.banditore.alert.CapXml;
import io.banditore.directory.Target;
import io.banditore.support.AlertFixtures;
import io.banditore.support.CapExamples;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The test directory's towns, the shared alerts, and the short-video configuration with its defaults, for plain unit tests. */
public final class ShortVideoFixtures {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    record DirectoryFile(List<Target> targets) {
    }

    private ShortVideoFixtures() {
    }

    /** A town of src/test/resources/directory/test.yaml. */
    public static Target town(String id) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).findAndRegisterModules();
        try (InputStream in = ShortVideoFixtures.class.getClassLoader().getResourceAsStream("directory/test.yaml")) {
            return yaml.readValue(in, DirectoryFile.class).targets().stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no town " + id + " in the test directory"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An alert of src/test/resources/alerts, with its times in the present. */
    public static Alert alert(String name) {
        try {
            return JSON.readValue(AlertFixtures.json(name), Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An alert of src/test/resources/alerts after a change to its JSON. */
    public static Alert alert(String name, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(AlertFixtures.json(name));
            return JSON.treeToValue(change.apply(tree), Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shared CAP example, with its times in the present. */
    public static Alert capExample(String name) {
        return new CapXml().read(new java.io.ByteArrayInputStream(CapExamples.current(name).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The short-video configuration: its defaults, changed by these keys (without the banditore.shortvideo. prefix). */
    public static ShortVideoConfig config(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        overrides.forEach((k, v) -> props.put("banditore.shortvideo." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredConverters()
                .withMapping(ShortVideoConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return config.getConfigMapping(ShortVideoConfig.class);
    }

    public static ShortVideoConfig config() {
        return config(Map.of());
    }
}
