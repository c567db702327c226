package io.banditore.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.problem.Problem;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;

/**
 * The gazetteer's comuni, provinces and regions by name or ISTAT code, each with the configured targets an ISTAT
 * geocode of it reaches (the router's own rule), so that a person choosing an area sees whom it reaches.
 */
@Path("/api/v1/places")
@Tag(name = "Places", description = "Comuni, provinces and regions of the gazetteer, for choosing an alert's area")
@Produces(MediaType.APPLICATION_JSON)
public class PlaceResource {

    private static final int MAX_LIMIT = 50;

    /** A comune, province or region; {@code within} names what contains it; {@code targets} are the ids a geocode of it reaches. */
    public record Place(String kind, String code, String name, String within, List<String> targets) {
    }

    private final Gazetteer gazetteer;
    private final AreaMatcher matcher;
    private final TargetDirectory directory;
    /** Provinces and regions, read once from the comuni (the gazetteer lists only comuni). */
    private final Map<String, Comune> provinces = new LinkedHashMap<>();
    private final Map<String, Comune> regions = new LinkedHashMap<>();

    public PlaceResource(Gazetteer gazetteer, AreaMatcher matcher, TargetDirectory directory) {
        this.gazetteer = gazetteer;
        this.matcher = matcher;
        this.directory = directory;
        for (Comune c : gazetteer.all()) {
            provinces.putIfAbsent(c.provinceCode(), c);
            regions.putIfAbsent(c.regionCode(), c);
        }
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Search comuni, provinces and regions by name (accents and case ignored) or ISTAT code; regions first, then provinces, then comuni")
    public List<Place> search(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(400, "Bad limit", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.FieldError("limit", "out of range")));
        }
        String wanted = q == null ? "" : fold(q.trim());
        if (wanted.isEmpty()) {
            return List.of();
        }
        record Hit(int rank, String kind, String code, String name, Comune c) {
        }
        List<Hit> hits = new ArrayList<>();
        regions.forEach((code, c) -> rank(wanted, code, c.regionName()).ifPresent(r -> hits.add(new Hit(r, "region", code, c.regionName(), c))));
        provinces.forEach((code, c) -> rank(wanted, code, c.provinceName()).ifPresent(r -> hits.add(new Hit(r, "province", code, c.provinceName(), c))));
        for (Comune c : gazetteer.all()) {
            rank(wanted, c.istat(), c.name()).ifPresent(r -> hits.add(new Hit(r, "comune", c.istat(), c.name(), c)));
        }
        return hits.stream()
                .sorted(Comparator.comparingInt(Hit::rank).thenComparingInt(h -> order(h.kind())).thenComparing(Hit::name))
                .limit(limit).map(h -> place(h.kind(), h.code(), h.name(), h.c())).toList();
    }

    @GET
    @Path("{code}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One comune (6 digits), province (3) or region (2) by ISTAT code")
    public Place get(@PathParam("code") String code) {
        if (regions.containsKey(code)) {
            return place("region", code, regions.get(code).regionName(), regions.get(code));
        }
        if (provinces.containsKey(code)) {
            return place("province", code, provinces.get(code).provinceName(), provinces.get(code));
        }
        return gazetteer.comune(code).map(c -> place("comune", code, c.name(), c))
                .orElseThrow(() -> NotFound.of("place " + code));
    }

    private Place place(String kind, String code, String name, Comune c) {
        String within = switch (kind) {
            case "comune" -> c.provinceName() + " (" + c.provinceAbbreviation() + "), " + c.regionName();
            case "province" -> c.regionName();
            default -> "Italia";
        };
        AreaMatcher.Areas areas = new AreaMatcher.Areas(Set.of(code), List.of(), List.of());
        List<String> targets = directory.all().stream().filter(t -> matcher.covers(areas, t)).map(Target::id).toList();
        return new Place(kind, code, name, within, targets);
    }

    /** 0: the code or the whole name; 1: the start of the name; 2: a word of it; 3: elsewhere in it. */
    private static Optional<Integer> rank(String wanted, String code, String name) {
        if (code.equals(wanted)) {
            return Optional.of(0);
        }
        if (Character.isDigit(wanted.charAt(0))) {
            return code.startsWith(wanted) ? Optional.of(1) : Optional.empty();
        }
        String folded = fold(name);
        if (folded.equals(wanted)) {
            return Optional.of(0);
        }
        if (folded.startsWith(wanted)) {
            return Optional.of(1);
        }
        int at = folded.indexOf(wanted);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(Character.isLetter(folded.charAt(at - 1)) ? 3 : 2);
    }

    private static int order(String kind) {
        return switch (kind) {
            case "region" -> 0;
            case "province" -> 1;
            default -> 2;
        };
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
