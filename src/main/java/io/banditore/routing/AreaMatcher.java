package io.banditore.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;

import io.banditore.alert.Alert;
import io.banditore.alert.Area;
import io.banditore.alert.Info;
import io.banditore.alert.NamedValue;
import io.banditore.directory.Coordinates;
import io.banditore.directory.Gazetteer;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

/**
 * Which targets an alert's areas cover.
 * <ul>
 * <li>An ISTAT geocode names a comune (6 digits), a province (3) or a region (2). It covers a target whose place
 * (its comune, or the province or region it speaks for) lies in it, or contains it: a comune's alert reaches its
 * town and the accounts of its province and region; a province's alert reaches every town of the province.</li>
 * <li>A CAP polygon ("lat,lon lat,lon ...", WGS 84, the first point repeated last) or circle ("lat,lon radius",
 * radius in km) covers a target whose coordinates lie inside or on its edge. The gazetteer has no coordinates, so a
 * target without its own is reached by geocodes only.</li>
 * </ul>
 */
@ApplicationScoped
public class AreaMatcher {

    private static final Logger LOG = Logger.getLogger(AreaMatcher.class);

    private final TargetDirectory directory;
    private final Gazetteer gazetteer;

    public AreaMatcher(TargetDirectory directory, Gazetteer gazetteer) {
        this.directory = directory;
        this.gazetteer = gazetteer;
    }

    /** An alert's areas, read once: ISTAT codes, polygon rings (x = longitude, y = latitude) and circles. */
    record Areas(Set<String> codes, List<Coordinate[]> polygons, List<Circle> circles) {
    }

    /** A CAP circle: centre and radius in metres. */
    record Circle(double lat, double lon, double radiusMetres) {
    }

    public List<Target> targetsOf(Alert alert) {
        Areas areas = areasOf(alert);
        return directory.all().stream().filter(t -> covers(areas, t)).toList();
    }

    /** Whether the alert's areas cover the target (one town of {@link #targetsOf}). */
    public boolean covers(Alert alert, Target target) {
        return covers(areasOf(alert), target);
    }

    /**
     * Whether one info block's areas cover the target, by the same rule: the channels give a town only the blocks
     * whose areas cover it.
     */
    public boolean covers(String alertIdentifier, Info info, Target target) {
        return covers(areasOf(alertIdentifier, List.of(info)), target);
    }

    static Areas areasOf(Alert alert) {
        return areasOf(alert.identifier(), alert.info());
    }

    private static Areas areasOf(String alertIdentifier, List<Info> infos) {
        Set<String> codes = new LinkedHashSet<>();
        List<Coordinate[]> polygons = new ArrayList<>();
        List<Circle> circles = new ArrayList<>();
        for (Info info : infos) {
            for (Area area : info.area()) {
                for (NamedValue geocode : area.geocode()) {
                    if (isIstat(geocode) && geocode.value() != null) {
                        codes.add(geocode.value().trim());
                    }
                }
                area.polygon().forEach(p -> polygon(p).ifPresentOrElse(polygons::add,
                        () -> LOG.warnf("Alert %s: polygon '%s' is not CAP's \"lat,lon lat,lon ...\"; ignored", alertIdentifier, p)));
                area.circle().forEach(c -> circle(c).ifPresentOrElse(circles::add,
                        () -> LOG.warnf("Alert %s: circle '%s' is not CAP's \"lat,lon radius\"; ignored", alertIdentifier, c)));
            }
        }
        return new Areas(codes, polygons, circles);
    }

    boolean covers(Areas areas, Target target) {
        String place = target.place();
        List<String> placeAndAncestors = gazetteer.withAncestors(place);
        for (String code : areas.codes()) {
            if (placeAndAncestors.contains(code) || gazetteer.withAncestors(code).contains(place)) {
                return true;
            }
        }
        Coordinates at = target.coordinates();
        if (at == null || at.lat() == null || at.lon() == null) {
            return false;
        }
        Coordinate point = new Coordinate(at.lon(), at.lat());
        for (Coordinate[] ring : areas.polygons()) {
            if (RayCrossingCounter.locatePointInRing(point, ring) != Location.EXTERIOR) {
                return true;
            }
        }
        for (Circle circle : areas.circles()) {
            double metres = Geodesic.WGS84.Inverse(circle.lat(), circle.lon(), at.lat(), at.lon(), GeodesicMask.DISTANCE).s12;
            if (metres <= circle.radiusMetres()) {
                return true;
            }
        }
        return false;
    }

    /** A closed ring of at least four points, or empty when the text is not a CAP polygon. */
    static Optional<Coordinate[]> polygon(String text) {
        String[] pairs = text.trim().split("\\s+");
        List<Coordinate> points = new ArrayList<>();
        for (String pair : pairs) {
            Optional<Coordinate> point = point(pair);
            if (point.isEmpty()) {
                return Optional.empty();
            }
            points.add(point.get());
        }
        if (points.size() < 3) {
            return Optional.empty();
        }
        if (!points.get(0).equals2D(points.get(points.size() - 1))) {
            points.add(points.get(0));
        }
        return points.size() < 4 ? Optional.empty() : Optional.of(points.toArray(Coordinate[]::new));
    }

    static Optional<Circle> circle(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double radiusKm = Double.parseDouble(parts[1]);
            if (!(radiusKm >= 0) || Double.isInfinite(radiusKm)) {
                return Optional.empty();
            }
            return point(parts[0]).map(c -> new Circle(c.y, c.x, radiusKm * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Coordinate> point(String pair) {
        String[] latLon = pair.split(",");
        if (latLon.length != 2) {
            return Optional.empty();
        }
        try {
            double lat = Double.parseDouble(latLon[0]);
            double lon = Double.parseDouble(latLon[1]);
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                return Optional.empty();
            }
            return Optional.of(new Coordinate(lon, lat));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isIstat(NamedValue geocode) {
        return geocode.valueName() != null && geocode.valueName().toUpperCase(Locale.ROOT).startsWith("ISTAT");
    }
}
