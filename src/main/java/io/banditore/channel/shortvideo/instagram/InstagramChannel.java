package io.banditore.channel.shortvideo.instagram;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.Part;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.shortvideo.SharedVideo;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.directory.ChannelName;
import io.smallrye.mutiny.Uni;

/**
 * A town's short video as an Instagram Reel: the video rendered once for the alert (the one TikTok gets) with the
 * caption package's Reels text. A delivery of its own (alert:instagram:town) on the short-video dispatch topic, so
 * that its status and provider id are its own: a refusal on one platform never hides a post on another, and a
 * retry never posts again where the post already went.
 */
@ApplicationScoped
public class InstagramChannel implements ChannelPublisher {

    /** Credential key of the Instagram user access token (instagram_content_publish) in the target's secret. */
    public static final String TOKEN_KEY = "instagram-access-token";
    /** Instagram's limits on a Reel's caption. */
    public static final int MAX_CAPTION = 2_200, MAX_HASHTAGS = 30;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");

    private final SharedVideo video;
    private final InstagramPublisher publisher;
    private final Credentials credentials;

    public InstagramChannel(SharedVideo video, InstagramPublisher publisher, Credentials credentials) {
        this.video = video;
        this.publisher = publisher;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return ChannelName.INSTAGRAM;
    }

    @Override
    public List<Part> render(RenderRequest request) {
        return video.render(name(), request, CaptionPackage.Variants::reels);
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        if (token.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Failed("no Instagram access token (" + TOKEN_KEY + ") in secret " + request.account().credentials()));
        }
        String caption = request.text();
        long tags = HASHTAG.matcher(caption).results().count();
        if (caption.length() > MAX_CAPTION || tags > MAX_HASHTAGS) {
            // The renderer keeps within both; a caption over them would be refused by Instagram after the video was fetched.
            return Uni.createFrom().item(new SendOutcome.Failed("the Reels caption has " + caption.length() + " characters and " + tags
                    + " hashtags; Instagram takes at most " + MAX_CAPTION + " and " + MAX_HASHTAGS));
        }
        CaptionPackage pkg = video.packageOf(name(), request, CaptionPackage.Variants::reels);
        if (pkg == null) {
            return Uni.createFrom().item(new SendOutcome.Skipped("nothing to publish on " + name() + " for " + request.target().id()));
        }
        // Rendered here first, so that the link Instagram fetches serves a finished file at once.
        return video.video(name(), pkg, request).chain(ready -> ready.instead() != null ? Uni.createFrom().item(ready.instead())
                : publisher.publish(token.get(), request.account().account(), caption, video.link(pkg), request.lastMoment(), request.pending()));
    }
}
