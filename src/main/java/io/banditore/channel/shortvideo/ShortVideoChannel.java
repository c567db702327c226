package io.banditore.channel.shortvideo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.AlertIds;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.Part;
import io.banditore.channel.RateLimit;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.channel.shortvideo.tiktok.TikTokPublisher;
import io.banditore.channel.shortvideo.video.VideoRenderer;
import io.banditore.channel.shortvideo.video.VideoResult;
import io.banditore.directory.ChannelName;
import io.banditore.directory.Target;
import io.smallrye.mutiny.Uni;

/**
 * A town's short video of an alert. Every delivery publishes the caption packages on captions.v1 (they are also
 * served over REST); where the town has a TikTok token, the video is rendered here and posted on TikTok
 * (TikTokPublisher), as a FILE_UPLOAD, or as a signed link TikTok pulls from when no video could be rendered here or
 * the configuration asks for it.
 */
@ApplicationScoped
public class ShortVideoChannel implements ChannelPublisher {

    /** Credential key of the TikTok user access token in the target's secret. */
    public static final String TOKEN_KEY = "tiktok-access-token";
    /** TikTok allows 6 video/init calls a minute per user access token. */
    public static final int INITS_PER_MINUTE = 6;
    /** ...and 20 creator_info queries. */
    public static final int CREATOR_INFO_PER_MINUTE = 20;
    /** Renderings kept for their sends: more than the deliveries one dispatcher has under way at once. */
    private static final int REMEMBERED = 2_000;

    private final CaptionService captions;
    private final VideoRenderer videos;
    private final VideoLinks links;
    private final TikTokPublisher tiktok;
    private final Credentials credentials;
    private final ShortVideoConfig config;
    private final Clock clock;
    private static final String EXPIRED = "expired: the alert's validity ended while its video was rendered";
    /** The packages of the latest renderings, for their sends: an alert's packages for a town are built once. */
    private final Map<Rendering, List<CaptionPackage>> rendered = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Rendering, List<CaptionPackage>> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** An alert rendered for a town (as the directory had it then). */
    private record Rendering(String alertId, Target target) {
    }

    public ShortVideoChannel(CaptionService captions, VideoRenderer videos, VideoLinks links,
            TikTokPublisher tiktok, Credentials credentials, ShortVideoConfig config, Clock clock) {
        this.captions = captions;
        this.videos = videos;
        this.links = links;
        this.tiktok = tiktok;
        this.credentials = credentials;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ChannelName.SHORTVIDEO;
    }

    /** One post per info block the town gets: its TikTok caption. The packages are kept for the sends that follow. */
    @Override
    public List<Part> render(RenderRequest request) {
        String alertId = AlertIds.of(request.alert().sender(), request.alert().identifier());
        List<CaptionRenderer.Captioned> rendered = captions.render(alertId, request);
        List<CaptionPackage> packages = rendered.stream().map(CaptionRenderer.Captioned::pkg).toList();
        this.rendered.put(new Rendering(alertId, request.target()), packages);
        return rendered.stream().map(c -> new Part(c.pkg().caption(), c.expires())).toList();
    }

    /**
     * The packages of the rendering this part comes from, and the one it posts (the one with its caption). Built
     * once, in render; built again only when this process has forgotten them.
     */
    private List<CaptionPackage> packagesOf(SendRequest request) {
        List<CaptionPackage> packages = rendered.get(new Rendering(request.alertId(), request.target()));
        return packages != null ? packages : captions.packages(request.alertId(), request.alert(), request.target());
    }

    private static CaptionPackage packageOf(List<CaptionPackage> packages, SendRequest request) {
        return packages.stream().filter(p -> p.caption().equals(request.text())).findFirst()
                .orElseGet(() -> packages.get(Math.min(request.part(), packages.size()) - 1));
    }

    /** Per token (the secret that holds it): 6 inits and 20 creator queries a minute; nothing when there is no token. */
    @Override
    public List<RateLimit> limits(SendRequest request) {
        String secret = request.account().credentials();
        if (credentials.get(secret, TOKEN_KEY).isEmpty()) {
            return List.of();
        }
        return List.of(new RateLimit("tiktok/init/" + secret, INITS_PER_MINUTE, Duration.ofMinutes(1)),
                new RateLimit("tiktok/creator-info/" + secret, CREATOR_INFO_PER_MINUTE, Duration.ofMinutes(1)));
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        List<CaptionPackage> packages = packagesOf(request);
        if (packages.isEmpty()) {
            // Rebuilt after render (another replica rendered it): an alert that expired since has nothing left to show.
            return Uni.createFrom().item(new SendOutcome.Skipped(request.alert().isExpiredAt(Instant.now(clock)) ? EXPIRED
                    : "nothing to publish on " + name() + " for " + request.target().id()));
        }
        CaptionPackage first = packageOf(packages, request);
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        return captions.publish(packages).chain(() -> {
            if (request.account().account() == null) {
                // A town on Instagram or YouTube only: its captions are published all the same, its posts are deliveries of their own.
                return Uni.createFrom().item(new SendOutcome.Skipped("no TikTok account for " + request.target().id()
                        + ": captions published on captions.v1; " + videoOnRequest(first)));
            }
            if (token.isEmpty()) {
                return Uni.createFrom().item(new SendOutcome.Skipped("no TikTok token for " + request.target().id()
                        + ": captions published on captions.v1; " + videoOnRequest(first)));
            }
            if (config.uploadMode() == ShortVideoConfig.UploadMode.PULL_FROM_URL) {
                return tiktok.publish(token.get(), request.account().account(), request.text(),
                        TikTokPublisher.VideoSource.link(link(first, request), first.durationMs()), request.lastMoment(), request.pending());
            }
            return Uni.createFrom().completionStage(() -> videos.video(first)).chain(video -> post(request, token.get(), first, video));
        });
    }

    private Uni<SendOutcome> post(SendRequest request, String token, CaptionPackage pkg, VideoResult video) {
        String account = request.account().account();
        // Rendering takes time: an alert cancelled, superseded or expired meanwhile is not posted.
        var stop = request.lastMoment().whyNot();
        if (stop.isPresent()) {
            return Uni.createFrom().item(new SendOutcome.Skipped(stop.get() + " (while its video was rendered)"));
        }
        if (request.alert().isExpiredAt(Instant.now(clock))) {
            return Uni.createFrom().item(new SendOutcome.Skipped(EXPIRED));
        }
        if (video instanceof VideoResult.Rendered file) {
            return tiktok.publish(token, account, request.text(), TikTokPublisher.VideoSource.file(file.file(), file.bytes(), file.durationMs()),
                    request.lastMoment(), request.pending())
                    .map(outcome -> withNote(outcome, file.note()));
        }
        VideoResult.NotRendered none = (VideoResult.NotRendered) video;
        if (!none.permanent()) {
            return Uni.createFrom().item(new SendOutcome.RetryLater(Duration.ZERO, none.reason()));
        }
        if (config.uploadMode() == ShortVideoConfig.UploadMode.FILE_UPLOAD) {
            return Uni.createFrom().item(new SendOutcome.Failed(none.reason() + "; captions published on captions.v1; nothing posted on TikTok"));
        }
        // Rendering is not possible here (a dispatcher without ffmpeg): TikTok fetches the video from the public service.
        return tiktok.publish(token, account, request.text(), TikTokPublisher.VideoSource.link(link(pkg, request), pkg.durationMs()), request.lastMoment(),
                request.pending())
                .map(outcome -> withNote(outcome, none.reason() + "; TikTok was given a link to it at " + config.publicUrl()));
    }

    /** The link TikTok pulls the video from, for this attempt only: served once the publish id it gets is on record. */
    private String link(CaptionPackage pkg, SendRequest request) {
        return links.link(pkg.alertId(), pkg.target(), pkg.language(), request.pending().nonce());
    }

    private String videoOnRequest(CaptionPackage pkg) {
        return videos.ffmpegFound() ? "the video is rendered on request at /api/v1/alerts/" + pkg.alertId() + "/captions/" + pkg.target() + ".mp4"
                : "no video rendered: " + config.video().ffmpeg() + " is not installed on this host";
    }

    /** Adds what the video was made without (or where it came from) to what TikTok said. */
    private static SendOutcome withNote(SendOutcome outcome, String note) {
        if (note == null) {
            return outcome;
        }
        if (outcome instanceof SendOutcome.Sent sent) {
            return new SendOutcome.Sent(sent.messageId(), sent.url(), sent.note() == null ? note : sent.note() + "; " + note);
        }
        if (outcome instanceof SendOutcome.Failed failed) {
            return new SendOutcome.Failed(failed.reason() + "; " + note);
        }
        return outcome;
    }
}
