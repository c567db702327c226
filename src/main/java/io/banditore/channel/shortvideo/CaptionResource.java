package io.banditore.channel.shortvideo;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.banditore.channel.RecordedPosts;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.subtitle.SubtitleFormats;
import io.banditore.channel.shortvideo.video.VideoRenderer;
import io.banditore.channel.shortvideo.video.VideoResponse;
import io.banditore.channel.shortvideo.video.VideoResult;
import io.banditore.directory.ChannelName;
import io.banditore.problem.ProblemException;
import io.banditore.refusal.Forbidden;
import io.banditore.refusal.NotFound;
import io.banditore.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A town's short video of an alert: its caption package, its subtitles and the video itself. Everything here needs
 * a reading role, except the video for a request that carries a valid signed link (VideoLinks): that is how TikTok's
 * servers fetch it for PULL_FROM_URL. The signature is checked before the alert is even looked up, so a request
 * without one learns nothing, not even whether the alert exists. A link made for one delivery attempt (with a nonce)
 * serves the video only once that attempt's publish id is on record (RecordedPosts), waiting a few seconds for the
 * record to arrive: TikTok's pull for a publish whose id a crash kept off the record is refused, so that publish
 * fails at TikTok and the attempt made after the crash is the only one that posts.
 */
@Path("/api/v1/alerts/{id}/captions")
@Tag(name = "Captions", description = "Each town's caption, subtitles and vertical video of an alert")
public class CaptionResource {

    /** How often a held request looks again for its attempt's record. */
    private static final Duration RECORD_POLL = Duration.ofMillis(200);

    private final CaptionService captions;
    private final VideoRenderer videos;
    private final VideoLinks links;
    private final RecordedPosts recorded;
    private final ShortVideoConfig config;
    private final SecurityIdentity identity;

    public CaptionResource(CaptionService captions, VideoRenderer videos, VideoLinks links, RecordedPosts recorded, ShortVideoConfig config,
            SecurityIdentity identity) {
        this.captions = captions;
        this.videos = videos;
        this.links = links;
        this.recorded = recorded;
        this.config = config;
        this.identity = identity;
    }

    @GET
    @Path("{target}.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The caption package: caption, hashtags, script, cues, each platform's text, the video card",
            description = "lang picks one of the alert's languages the town takes (default: the town's first).")
    public CaptionPackage json(@PathParam("id") String id, @PathParam("target") String target, @QueryParam("lang") String lang) {
        return captions.find(id, target, lang);
    }

    @GET
    @Path("{target}.srt")
    @Produces(SubtitleFormats.SRT_MEDIA_TYPE + ";charset=UTF-8")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The subtitles as SubRip (SRT)")
    public String srt(@PathParam("id") String id, @PathParam("target") String target, @QueryParam("lang") String lang) {
        return SubtitleFormats.srt(captions.find(id, target, lang).cues());
    }

    @GET
    @Path("{target}.vtt")
    @Produces(SubtitleFormats.WEBVTT_MEDIA_TYPE + ";charset=UTF-8")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The subtitles as WebVTT")
    public String vtt(@PathParam("id") String id, @PathParam("target") String target, @QueryParam("lang") String lang) {
        return SubtitleFormats.webVtt(captions.find(id, target, lang).cues());
    }

    @GET
    @Path("{target}.mp4")
    @Produces("video/mp4")
    @PermitAll
    @Operation(summary = "The vertical video (1080x1920, H.264 and AAC), rendered on first request",
            description = "With a reading role, or without a token through a signed link (lang, expires, nonce, signature) as given to TikTok;"
                    + " a link made for a delivery attempt (nonce) serves only once that attempt's publish id is recorded, after a wait of at most"
                    + " banditore.shortvideo.links.record-wait, else 404. Honours a single byte Range.")
    public Uni<Response> mp4(@PathParam("id") String id, @PathParam("target") String target, @QueryParam("lang") String lang,
            @QueryParam("expires") Long expires, @QueryParam("nonce") String nonce, @QueryParam("signature") String signature,
            @HeaderParam("Range") String range) {
        boolean reader = !identity.isAnonymous() && identity.hasRole(Roles.VIEWER);
        if (!reader) {
            if (signature == null) {
                return Uni.createFrom().failure(identity.isAnonymous()
                        ? new ProblemException(401, "Unauthorized", "a bearer token or a signed link is required")
                        : new Forbidden("reading a video needs the viewer, operator, approver or admin role"));
            }
            if (expires == null || !links.valid(id, target, lang, expires, nonce, signature)) {
                return Uni.createFrom().failure(new Forbidden("the link is not valid or has expired"));
            }
        }
        Uni<Void> onRecord = reader || nonce == null ? Uni.createFrom().voidItem()
                : awaitRecord(id, target, nonce, Instant.now().plus(config.links().recordWait()));
        return onRecord.chain(() -> video(id, target, lang, range));
    }

    /** Waits, on a timer, until the attempt's publish id is on record; refuses the link when it is not by the deadline. */
    private Uni<Void> awaitRecord(String id, String target, String nonce, Instant deadline) {
        if (recorded.recorded(id, ChannelName.SHORTVIDEO, target, nonce)) {
            return Uni.createFrom().voidItem();
        }
        if (!Instant.now().isBefore(deadline)) {
            return Uni.createFrom().failure(new NotFound("no post on record awaits this video: the link was made for a delivery attempt"
                    + " whose publish id was never recorded, or is no longer pending"));
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(RECORD_POLL).chain(() -> awaitRecord(id, target, nonce, deadline));
    }

    private Uni<Response> video(String id, String target, String lang, String range) {
        CaptionPackage pkg = captions.find(id, target, lang);
        return Uni.createFrom().completionStage(videos.video(pkg)).map(result -> {
            if (result instanceof VideoResult.NotRendered none) {
                throw new ProblemException(503, "No video", none.reason());
            }
            VideoResult.Rendered video = (VideoResult.Rendered) result;
            return VideoResponse.of(video, range, target + "-" + id + ".mp4");
        });
    }
}
