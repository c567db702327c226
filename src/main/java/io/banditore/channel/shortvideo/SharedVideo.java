package io.banditore.channel.shortvideo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.AlertIds;
import io.banditore.channel.Part;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.channel.shortvideo.video.VideoRenderer;
import io.banditore.channel.shortvideo.video.VideoResult;
import io.banditore.directory.Target;
import io.smallrye.mutiny.Uni;

/**
 * The one caption package and video of an alert for a town, as the platforms after TikTok (Instagram Reels, YouTube
 * Shorts) post it: each part is one info block's package in the platform's own text, and the video is the one
 * rendered for the package (rendered once, whichever platform asks first). The last-moment checks a post makes
 * after the video is rendered are here, so that every platform makes them alike.
 */
@ApplicationScoped
public class SharedVideo {

    private static final int REMEMBERED = 2_000;
    static final String EXPIRED = "expired: the alert's validity ended while its video was rendered";

    private final CaptionService captions;
    private final VideoRenderer videos;
    private final VideoLinks links;
    private final Clock clock;
    /** The packages of the latest renderings, for their sends (an Update's rendering depends on what it refers to). */
    private final Map<String, List<CaptionPackage>> rendered = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<CaptionPackage>> eldest) {
            return size() > REMEMBERED;
        }
    });

    public SharedVideo(CaptionService captions, VideoRenderer videos, VideoLinks links, Clock clock) {
        this.captions = captions;
        this.videos = videos;
        this.links = links;
        this.clock = clock;
    }

    /** A package ready to post with the video rendered for it; or, in {@code instead}, what the delivery comes to without a post. */
    public record Ready(CaptionPackage pkg, VideoResult.Rendered video, SendOutcome instead) {

        static Ready not(SendOutcome instead) {
            return new Ready(null, null, instead);
        }
    }

    /** One part per info block the town gets, in the platform's text ({@code text} picks it from the variants). */
    public List<Part> render(String platform, RenderRequest request, Function<CaptionPackage.Variants, CaptionPackage.Variant> text) {
        String alertId = AlertIds.of(request.alert().sender(), request.alert().identifier());
        List<CaptionRenderer.Captioned> captioned = captions.render(alertId, request);
        rendered.put(key(platform, alertId, request.target()), captioned.stream().map(CaptionRenderer.Captioned::pkg).toList());
        return captioned.stream().map(c -> new Part(text.apply(c.pkg().variants()).text(), c.expires())).toList();
    }

    /** The package this part posts: the one whose platform text it is (or, rebuilt elsewhere, the part's position). */
    public CaptionPackage packageOf(String platform, SendRequest request, Function<CaptionPackage.Variants, CaptionPackage.Variant> text) {
        List<CaptionPackage> packages = rendered.get(key(platform, request.alertId(), request.target()));
        if (packages == null) {
            packages = captions.packages(request.alertId(), request.alert(), request.target());
        }
        if (packages.isEmpty()) {
            return null;
        }
        List<CaptionPackage> all = packages;
        return all.stream().filter(p -> text.apply(p.variants()).text().equals(request.text())).findFirst()
                .orElseGet(() -> all.get(Math.min(request.part(), all.size()) - 1));
    }

    /**
     * The video of the package, once rendered, or why nothing may be posted: the alert cancelled, superseded or expired
     * while it was rendered (SKIPPED), a render that may work later (RETRY), none possible here (FAILED).
     */
    public Uni<Ready> video(String platform, CaptionPackage pkg, SendRequest request) {
        return Uni.createFrom().completionStage(() -> videos.video(pkg)).map(video -> {
            var stop = request.lastMoment().whyNot();
            if (stop.isPresent()) {
                return Ready.not(new SendOutcome.Skipped(stop.get() + " (while its video was rendered)"));
            }
            if (request.alert().isExpiredAt(Instant.now(clock))) {
                return Ready.not(new SendOutcome.Skipped(EXPIRED));
            }
            if (video instanceof VideoResult.Rendered file) {
                return new Ready(pkg, file, null);
            }
            VideoResult.NotRendered none = (VideoResult.NotRendered) video;
            return Ready.not(none.permanent() ? new SendOutcome.Failed(none.reason() + "; nothing posted on " + platform)
                    : new SendOutcome.RetryLater(Duration.ZERO, none.reason()));
        });
    }

    /** The signed public link to the package's video, for a platform that fetches it. */
    public String link(CaptionPackage pkg) {
        return links.link(pkg.alertId(), pkg.target(), pkg.language());
    }

    private static String key(String platform, String alertId, Target target) {
        return platform + "|" + alertId + "|" + target.id() + "|" + target.hashCode();
    }
}
