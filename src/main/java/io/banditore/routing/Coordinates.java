package io.banditore.routing;

/** A point in WGS 84 degrees, as CAP gives them: latitude first. */
public record Coordinates(Double lat, Double lon) {
}
