package io.banditore.channel.shortvideo.youtube;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Part;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.shortvideo.SharedVideo;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.directory.ChannelName;
import io.smallrye.mutiny.Uni;

/**
 * A town's short video as a YouTube Short: the video rendered once for the alert (the one TikTok gets), titled with
 * the caption package's Shorts title (at most 100 characters), described with the full caption and #Shorts. A delivery
 * of its own (alert:youtube:town) on the short-video dispatch topic, so that its status and provider id are its own:
 * a refusal on one platform never hides a post on another, and a retry never posts again where the post already went.
 */
@ApplicationScoped
public class YouTubeChannel implements ChannelPublisher {

    public static final int MAX_TITLE = 100;
    /** YouTube takes descriptions of at most 5,000 bytes. */
    public static final int MAX_DESCRIPTION_BYTES = 5_000;
    static final String SHORTS_TAG = "#Shorts";

    private final SharedVideo video;
    private final YouTubeUploader uploader;

    public YouTubeChannel(SharedVideo video, YouTubeUploader uploader) {
        this.video = video;
        this.uploader = uploader;
    }

    @Override
    public String name() {
        return ChannelName.YOUTUBE;
    }

    @Override
    public List<Part> render(RenderRequest request) {
        return video.render(name(), request, CaptionPackage.Variants::shorts);
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        CaptionPackage pkg = video.packageOf(name(), request, CaptionPackage.Variants::shorts);
        if (pkg == null) {
            return Uni.createFrom().item(new SendOutcome.Skipped("nothing to publish on " + name() + " for " + request.target().id()));
        }
        String title = youtubeText(request.text());
        if (title.codePointCount(0, title.length()) > MAX_TITLE) {
            return Uni.createFrom().item(new SendOutcome.Failed("the Shorts title has " + title.length() + " characters; YouTube takes at most " + MAX_TITLE));
        }
        String description = description(pkg.caption());
        String key = request.alertId() + "|" + request.target().id() + "|" + request.part();
        return video.video(name(), pkg, request).chain(ready -> ready.instead() != null ? Uni.createFrom().item(ready.instead())
                : uploader.upload(new YouTubeUploader.Upload(key, request.account().credentials(), ready.video().file(), ready.video().bytes(),
                        title, description, pkg.language()), request.lastMoment()));
    }

    /** The full caption and #Shorts (which files it among Shorts), within YouTube's 5,000 bytes. */
    static String description(String caption) {
        String text = youtubeText(caption);
        String tail = text.contains(SHORTS_TAG) ? "" : "\n\n" + SHORTS_TAG;
        while ((text + tail).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
            text = text.substring(0, text.offsetByCodePoints(text.length(), -1)).stripTrailing();
        }
        return text + tail;
    }

    /** YouTube refuses '<' and '>' in titles and descriptions (invalidTitle, invalidDescription): they become look-alike quotes. */
    static String youtubeText(String text) {
        return text.replace('<', '‹').replace('>', '›');
    }
}
