package io.banditore.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.alert.CapXml;
import io.banditore.alert.CapXmlProvider;
import io.banditore.problem.Problem;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.NotFound;

/**
 * The public CAP feeds, read without a token by aggregators (Google Public Alerts, regional portals, newsrooms): real
 * alerts in one, tests and exercises in another, each entry linking to its CAP 1.2 document.
 */
@Path("/cap")
@Tag(name = "CAP feed", description = "Public Atom feeds of CAP alerts, no token needed")
public class CapFeedResource {

    private static final Set<String> LANGUAGES = Set.of("it", "en");
    private static final String ATOM_UTF8 = AtomFeed.MEDIA_TYPE + ";charset=UTF-8";

    private final PublicAlerts alerts;
    private final CapXml capXml;
    private final FeedConfig config;
    private final Clock clock;

    public CapFeedResource(PublicAlerts alerts, CapXml capXml, FeedConfig config, Clock clock) {
        this.alerts = alerts;
        this.capXml = capXml;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("feed.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(summary = "Actual alerts in force, newest first, as Atom 1.0",
            description = "Published, public, not expired, withdrawn or superseded; a Cancel stays until what it withdraws would have expired. lang=it|en picks the words, area=<ISTAT code> the alerts concerning a comune, province or region; page follows rel=\"next\".")
    public Response feed(@QueryParam("lang") String lang, @QueryParam("area") String area, @QueryParam("page") String page,
            @Context Request request, @Context UriInfo uri) {
        return respond(FeedKind.ACTUAL, lang, area, page, request, uri);
    }

    @GET
    @Path("feed-test.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(summary = "Test and Exercise alerts in force, as Atom 1.0; never mixed into the feed of real alerts",
            description = "The same rules and parameters as feed.atom; every title and summary says it is not a real alert.")
    public Response testFeed(@QueryParam("lang") String lang, @QueryParam("area") String area, @QueryParam("page") String page,
            @Context Request request, @Context UriInfo uri) {
        return respond(FeedKind.PRACTICE, lang, area, page, request, uri);
    }

    @GET
    @Path("alerts/{id}.xml")
    @Produces(CapXmlProvider.CAP_XML)
    @Operation(summary = "One public alert as its CAP 1.2 XML document (the link of a feed's entry)")
    public Response document(@PathParam("id") String id, @Context Request request) {
        requireReady();
        var alert = alerts.document(id).orElseThrow(() -> NotFound.of("public alert " + id));
        return conditional(capXml.write(alert).getBytes(StandardCharsets.UTF_8), CapXmlProvider.CAP_XML + ";charset=UTF-8", request);
    }

    private Response respond(FeedKind kind, String lang, String area, String page, Request request, UriInfo uri) {
        requireReady();
        if (lang != null && !LANGUAGES.contains(lang)) {
            throw badQuery("lang", "must be it or en");
        }
        if (area != null && !(area.matches("\\d{2}|\\d{3}|\\d{6}") && alerts.knowsArea(area))) {
            throw badQuery("area", "must be the ISTAT code of a comune (6 digits), a province (3) or a region (2)");
        }
        Instant now = Instant.now(clock);
        List<FeedItem> items = alerts.inForce(kind, area, now);
        if (page != null) {
            items = FeedCursor.rest(items, page).orElseThrow(() -> badQuery("page", "is not a page of this feed: follow the feed's next link"));
        }
        URI base = config.publicUrl().map(u -> URI.create(u.toString().endsWith("/") ? u.toString() : u + "/"))
                .orElseGet(uri::getBaseUri);
        Instant updated = items.isEmpty() ? alerts.lastChange(kind) : items.get(0).updated();
        byte[] body = AtomFeed.page(new AtomFeed.Request(kind, lang, area, base, config.maxPageBytes()), items, updated, page);
        return conditional(body, ATOM_UTF8, request);
    }

    /** 304 when the reader already has these bytes; otherwise the bytes, with their ETag and how long to keep them. */
    private Response conditional(byte[] body, String type, Request request) {
        EntityTag tag = new EntityTag(digest(body));
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) config.maxAge().toSeconds());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(body, type);
        return answer.tag(tag).cacheControl(cache).header("X-Content-Type-Options", "nosniff").build();
    }

    private void requireReady() {
        if (!alerts.ready()) {
            throw new ProblemException(503, "Not ready", "the alerts are still being read after a restart; try again in a few seconds");
        }
    }

    private static ProblemException badQuery(String parameter, String detail) {
        return new ProblemException(400, "Bad query", parameter + " " + detail, List.of(new Problem.FieldError(parameter, detail)));
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
