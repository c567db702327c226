package io.banditore.routing;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.directory.DirectoryFixtures;
import io.banditore.directory.Gazetteer;
import io.banditore.directory.TargetDirectory;
import io.banditore.support.AlertFixtures;

/** The real gazetteer, the test directory (DirectoryFixtures) and alerts with the areas a test needs, without a running service. */
final class RoutingFixtures {

    static final ObjectMapper MAPPER = DirectoryFixtures.MAPPER;
    static final Gazetteer GAZETTEER = DirectoryFixtures.GAZETTEER;

    static TargetDirectory directory(String resource) {
        return DirectoryFixtures.directory(resource);
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
