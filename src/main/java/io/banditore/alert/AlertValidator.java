package io.banditore.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * CAP 1.2's required fields and the public-safety rules on times. Rules that need other alerts
 * (references) are checked by the intake, which knows them. The intake makes the one instance, with its configured
 * clock tolerance (IntakeValidation).
 */
public class AlertValidator {

    /** CAP: identifier and sender contain no spaces, commas, "<" or "&". */
    private static final Pattern CAP_TOKEN = Pattern.compile("[^\\s,<&]+");
    /** RFC 3066 language tags, as CAP's language element. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final Pattern COORDINATE = Pattern.compile("(-?\\d{1,3}(\\.\\d+)?),(-?\\d{1,3}(\\.\\d+)?)");
    private static final Set<String> CATEGORIES = Set.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
            "Transport", "Infra", "CBRNE", "Other");
    private static final Set<String> RESPONSE_TYPES = Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor",
            "Assess", "AllClear", "None");
    /** The Italian criticality colours, when an alert carries one. */
    private static final Set<String> COLOURS = Set.of("verde", "gialla", "arancione", "rossa");

    /** Limits that keep one alert within what a person can read and the service can carry. */
    static final int MAX_INFO = 16;
    static final int MAX_AREAS = 500;
    static final int MAX_POINTS = 5000;
    static final int MAX_PARAMETERS = 100;

    private final Clock clock;
    private final Duration tolerance;

    /**
     * @param tolerance how far sent may lie ahead of now: senders' clocks drift
     */
    public AlertValidator(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public void validate(Alert alert) {
        List<Violation> violations = new ArrayList<>();
        token(violations, "/identifier", alert.identifier());
        token(violations, "/sender", alert.sender());
        required(violations, "/sent", alert.sent());
        required(violations, "/status", alert.status());
        required(violations, "/msgType", alert.msgType());
        required(violations, "/scope", alert.scope());
        if (alert.scope() == Scope.Restricted && blank(alert.restriction())) {
            violations.add(new Violation("/restriction", "is required when scope is Restricted"));
        }
        if (alert.scope() == Scope.Private && blank(alert.addresses())) {
            violations.add(new Violation("/addresses", "is required when scope is Private"));
        }
        if (alert.msgType() != null && alert.msgType().needsReferences()) {
            if (blank(alert.references())) {
                violations.add(new Violation("/references", "is required for a " + alert.msgType() + ": name the alert it refers to as sender,identifier,sent"));
            } else if (!alert.referencedAlerts().stream().allMatch(Reference::wellFormed)) {
                violations.add(new Violation("/references", "must be space-separated sender,identifier,sent triples"));
            }
        }
        if (alert.msgType() == MsgType.Alert && alert.info().isEmpty()) {
            violations.add(new Violation("/info", "an Alert needs at least one info block to tell people what is happening"));
        }
        if (alert.info().size() > MAX_INFO) {
            violations.add(new Violation("/info", "has " + alert.info().size() + " blocks; at most " + MAX_INFO));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (alert.sent() != null && alert.sent().isAfter(now.plus(tolerance))) {
            violations.add(new Violation("/sent", "is in the future (" + alert.sent() + "); an alert is posted when it is sent"));
        }
        for (int i = 0; i < Math.min(alert.info().size(), MAX_INFO); i++) {
            validateInfo(violations, "/info/" + i, alert.info().get(i), alert.sent(), now);
        }
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations);
        }
    }

    private void validateInfo(List<Violation> violations, String at, Info info, OffsetDateTime sent, OffsetDateTime now) {
        if (info.language() != null && !LANGUAGE.matcher(info.language()).matches()) {
            violations.add(new Violation(at + "/language", "'" + info.language() + "' is not a language tag such as it-IT or en"));
        }
        for (int c = 0; c < info.category().size(); c++) {
            if (!CATEGORIES.contains(info.category().get(c))) {
                violations.add(new Violation(at + "/category/" + c, "'" + info.category().get(c) + "' is not one of " + CATEGORIES));
            }
        }
        for (int r = 0; r < info.responseType().size(); r++) {
            if (!RESPONSE_TYPES.contains(info.responseType().get(r))) {
                violations.add(new Violation(at + "/responseType/" + r, "'" + info.responseType().get(r) + "' is not one of " + RESPONSE_TYPES));
            }
        }
        if (info.parameter().size() > MAX_PARAMETERS) {
            violations.add(new Violation(at + "/parameter", "has " + info.parameter().size() + " entries; at most " + MAX_PARAMETERS));
        }
        info.parameterValue("colore").filter(c -> !COLOURS.contains(c.toLowerCase(Locale.ROOT))).ifPresent(c ->
                violations.add(new Violation(at + "/parameter", "colore '" + c + "' is not one of " + COLOURS)));
        if (info.area().size() > MAX_AREAS) {
            violations.add(new Violation(at + "/area", "has " + info.area().size() + " areas; at most " + MAX_AREAS));
        }
        if (info.category().isEmpty()) {
            violations.add(new Violation(at + "/category", "is required (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other)"));
        }
        required(violations, at + "/event", blank(info.event()) ? null : info.event());
        required(violations, at + "/urgency", info.urgency());
        required(violations, at + "/severity", info.severity());
        required(violations, at + "/certainty", info.certainty());
        for (int a = 0; a < Math.min(info.area().size(), MAX_AREAS); a++) {
            validateArea(violations, at + "/area/" + a, info.area().get(a));
        }
        // CAP: effective and onset may precede sent (a report of a quake that happened, a flood under way); the
        // validity must end after the message is sent, after it takes effect, after the event begins, and after now.
        if (info.expires() != null) {
            if (sent != null && !info.expires().isAfter(sent)) {
                violations.add(new Violation(at + "/expires", "must be after sent (" + sent + ")"));
            }
            if (info.effective() != null && !info.expires().isAfter(info.effective())) {
                violations.add(new Violation(at + "/expires", "must be after effective (" + info.effective() + ")"));
            }
            if (info.onset() != null && !info.expires().isAfter(info.onset())) {
                violations.add(new Violation(at + "/expires", "must be after onset (" + info.onset() + ")"));
            }
            if (!info.expires().isAfter(now)) {
                violations.add(new Violation(at + "/expires", "is already past: an expired alert is never published"));
            }
        }
    }

    private static void validateArea(List<Violation> violations, String at, Area area) {
        if (blank(area.areaDesc())) {
            violations.add(new Violation(at + "/areaDesc", "is required"));
        }
        for (int p = 0; p < area.polygon().size(); p++) {
            String problem = polygonProblem(area.polygon().get(p));
            if (problem != null) {
                violations.add(new Violation(at + "/polygon/" + p, problem));
            }
        }
        for (int c = 0; c < area.circle().size(); c++) {
            String[] parts = area.circle().get(c).trim().split("\\s+");
            if (parts.length != 2 || coordinateProblem(parts[0]) != null || !parts[1].matches("\\d+(\\.\\d+)?")) {
                violations.add(new Violation(at + "/circle/" + c, "must be \"latitude,longitude radius\" (WGS 84, radius in km)"));
            }
        }
    }

    /**
     * CAP: four or more WGS 84 "latitude,longitude" pairs, the first and last the same; and a simple ring (JTS's
     * validity: no self-intersection), without a vertex repeated in a row, or which towns it covers is a matter of chance.
     */
    static String polygonProblem(String polygon) {
        String[] points = polygon.trim().split("\\s+");
        if (points.length < 4) {
            return "needs at least 4 points (the first repeated as the last); it has " + points.length;
        }
        if (points.length > MAX_POINTS) {
            return "has " + points.length + " points; at most " + MAX_POINTS;
        }
        Coordinate[] ring = new Coordinate[points.length];
        for (int i = 0; i < points.length; i++) {
            String problem = coordinateProblem(points[i]);
            if (problem != null) {
                return problem;
            }
            String[] latLon = points[i].split(",");
            ring[i] = new Coordinate(Double.parseDouble(latLon[1]), Double.parseDouble(latLon[0]));
        }
        if (!ring[0].equals2D(ring[ring.length - 1])) {
            return "must end where it starts (" + points[0] + ")";
        }
        for (int i = 1; i < ring.length; i++) {
            if (ring[i].equals2D(ring[i - 1])) {
                return "repeats the vertex " + points[i] + " at positions " + (i - 1) + " and " + i + ": each vertex once, the first repeated only as the last";
            }
        }
        if (ring.length < 4) {
            return "needs at least 3 distinct vertices";
        }
        TopologyValidationError error;
        try {
            error = new IsValidOp(GEOMETRY.createPolygon(ring)).getValidationError();
        } catch (IllegalArgumentException e) {
            return "is not a closed ring of at least 4 points";
        }
        if (error == null) {
            return null;
        }
        Coordinate where = error.getCoordinate();
        return "is not a simple ring: " + error.getMessage().toLowerCase(Locale.ROOT)
                + (where == null ? "" : " at " + where.y + "," + where.x) + " (its edges must not cross or touch)";
    }

    private static String coordinateProblem(String point) {
        Matcher m = COORDINATE.matcher(point);
        if (!m.matches()) {
            return "'" + point + "' is not a \"latitude,longitude\" pair";
        }
        double lat = Double.parseDouble(m.group(1));
        double lon = Double.parseDouble(m.group(3));
        return lat < -90 || lat > 90 || lon < -180 || lon > 180 ? "'" + point + "' is outside WGS 84 latitude/longitude ranges" : null;
    }

    private static void token(List<Violation> violations, String pointer, String value) {
        if (blank(value)) {
            violations.add(new Violation(pointer, "is required"));
        } else if (!CAP_TOKEN.matcher(value).matches()) {
            violations.add(new Violation(pointer, "must not contain spaces, commas, '<' or '&'"));
        }
    }

    private static void required(List<Violation> violations, String pointer, Object value) {
        if (value == null) {
            violations.add(new Violation(pointer, "is required"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
