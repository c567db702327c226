package io.banditore.directory;

/** A point in WGS 84 degrees, as CAP gives them: latitude first. */
public record Coordinates(Double lat, Double lon) {
}
