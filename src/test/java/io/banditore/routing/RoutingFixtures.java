package io.banditore.routing;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.support.AlertFixtures;

/** The real gazetteer, the test directory and alerts with the areas a test needs, without a running service. */
final class RoutingFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    static final Gazetteer GAZETTEER = new Gazetteer(MAPPER);

    static TargetDirectory directory(String resource) {
        return new TargetDirectory(() -> "classpath:directory/" + resource, new TargetValidator(GAZETTEER));
    }

    /** The Chivasso rain alert with its one area replaced by these geocodes, polygons and circles. */
    static Alert alert(List<String> istat, List<String> polygons, List<String> circles) {
        try {
            ObjectNode alert = (ObjectNode) MAPPER.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            ObjectNode area = ((ObjectNode) alert.path("info").get(0).path("area").get(0));
            ArrayNode geocode = area.putArray("geocode");
            istat.forEach(code -> geocode.addObject().put("valueName", "ISTAT").put("value", code));
            ArrayNode polygon = area.putArray("polygon");
            polygons.forEach(polygon::add);
            ArrayNode circle = area.putArray("circle");
            circles.forEach(circle::add);
            return MAPPER.treeToValue(alert, Alert.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Alert geocodes(String... codes) {
        return alert(List.of(codes), List.of(), List.of());
    }

    private RoutingFixtures() {
    }
}
