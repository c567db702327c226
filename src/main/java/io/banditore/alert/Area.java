package io.banditore.alert;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A CAP area: a description and any of polygons, circles and geocodes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Area(
        String areaDesc,
        List<String> polygon,
        List<String> circle,
        List<NamedValue> geocode,
        Double altitude,
        Double ceiling) {

    public Area {
        polygon = polygon == null ? List.of() : List.copyOf(polygon);
        circle = circle == null ? List.of() : List.copyOf(circle);
        geocode = geocode == null ? List.of() : List.copyOf(geocode);
    }
}
