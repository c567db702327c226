package io.banditore.support;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.channel.AlertWording;
import io.banditore.channel.RenderRequest;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Gazetteer;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.directory.TargetValidator;
import io.banditore.routing.AreaMatcher;

/** Alerts and towns for tests that render without a running service. */
public final class Samples {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The fixture alert of Chivasso, changed by {@code edit} (the alert's JSON; info/0 is the Italian block). */
    public static Alert alert(Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            edit.accept(json);
            return MAPPER.treeToValue(json, Alert.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ObjectNode info(ObjectNode alert) {
        return (ObjectNode) alert.path("info").get(0);
    }

    /** Chivasso as the test directory has it. */
    public static Target chivasso() {
        return new Target("chivasso", "Comune di Chivasso", "001082", null, null, List.of("it"), true, Map.of(
                "telegram", new ChannelAccount("@comunechivasso", null, List.of(), List.of(), "chivasso"),
                "x", new ChannelAccount(null, "comunechivasso", List.of(), List.of("#Chivasso"), "chivasso")));
    }

    /** The wording model as the service has it: the real gazetteer and the test directory behind the router's matching. */
    public static AlertWording wording() {
        return Wording.INSTANCE;
    }

    /** A plain rendering of the alert for the town, now. */
    public static RenderRequest request(Alert alert, Target target) {
        return RenderRequest.of(alert, target, java.time.Instant.now());
    }

    /** Built once: reading the gazetteer takes a moment. */
    private static final class Wording {
        static final AlertWording INSTANCE;

        static {
            Gazetteer gazetteer = new Gazetteer(MAPPER);
            TargetDirectory directory = new TargetDirectory(() -> "classpath:directory/test.yaml", new TargetValidator(gazetteer, BuiltInChannels.declared()));
            INSTANCE = new AlertWording(new AreaMatcher(directory, gazetteer));
        }
    }

    private Samples() {
    }
}
