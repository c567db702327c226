package io.banditore.routing;

import java.util.List;
import java.util.Locale;
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

import io.banditore.directory.Comune;
import io.banditore.directory.Gazetteer;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
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

    public PlaceResource(Gazetteer gazetteer, AreaMatcher matcher, TargetDirectory directory) {
        this.gazetteer = gazetteer;
        this.matcher = matcher;
        this.directory = directory;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Search comuni, provinces and regions by name (accents and case ignored) or ISTAT code; regions first, then provinces, then comuni")
    public List<Place> search(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(400, "Bad limit", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.FieldError("limit", "out of range")));
        }
        return gazetteer.search(q, limit).stream().map(this::place).toList();
    }

    @GET
    @Path("{code}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One comune (6 digits), province (3) or region (2) by ISTAT code")
    public Place get(@PathParam("code") String code) {
        return gazetteer.unit(code).map(this::place).orElseThrow(() -> NotFound.of("place " + code));
    }

    private Place place(Gazetteer.Unit unit) {
        Comune c = unit.comune();
        String within = switch (unit.kind()) {
            case COMUNE -> c.provinceName() + " (" + c.provinceAbbreviation() + "), " + c.regionName();
            case PROVINCE -> c.regionName();
            case REGION -> "Italia";
        };
        AreaMatcher.Areas areas = new AreaMatcher.Areas(Set.of(unit.code()), List.of(), List.of());
        List<String> targets = directory.all().stream().filter(t -> matcher.covers(areas, t)).map(Target::id).toList();
        return new Place(unit.kind().name().toLowerCase(Locale.ROOT), unit.code(), unit.name(), within, targets);
    }
}
