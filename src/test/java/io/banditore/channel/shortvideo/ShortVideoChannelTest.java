package io.banditore.channel.shortvideo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.banditore.alert.Alert;
import io.banditore.channel.Credentials;
import io.banditore.channel.LastMomentCheck;
import io.banditore.channel.PendingPost;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.channel.shortvideo.tiktok.TikTokPublisher;
import io.banditore.channel.shortvideo.video.VideoRenderer;
import io.banditore.directory.Target;
import io.banditore.support.Samples;
import io.smallrye.mutiny.Uni;

/**
 * How the channel gets a video to TikTok, with everything around it stood in for: the file rendered here, a signed
 * link when nothing can be rendered here, never a post when rendering fails for now or the alert has run out.
 */
class ShortVideoChannelTest {

    @TempDir
    Path dir;

    private final Target chivasso = ShortVideoFixtures.town("chivasso");
    private final Alert alert = ShortVideoFixtures.alert("chivasso-rain-actual.json", a -> {
        var info = (com.fasterxml.jackson.databind.node.ObjectNode) a.path("info").get(0);
        info.remove("description");
        info.remove("instruction");
        return a;
    });
    private final List<TikTokPublisher.VideoSource> posted = new ArrayList<>();
    private final List<List<CaptionPackage>> published = new ArrayList<>();

    @Test
    void aVideoRenderedHereIsUploadedAsAFile() {
        SendOutcome outcome = send(channel(Map.of(), Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(posted).singleElement().satisfies(v -> {
            assertThat(v.file()).isNotNull().exists();
            assertThat(v.url()).isNull();
            assertThat(v.bytes()).isEqualTo(v.file().toFile().length());
        });
        assertThat(published).singleElement().satisfies(p -> assertThat(p.get(0).target()).isEqualTo("chivasso"));
    }

    @Test
    void withoutFfmpegHereTikTokGetsASignedLinkAndTheStatusSaysNoVideoWasRendered() {
        SendOutcome outcome = send(channel(Map.of("video.ffmpeg", "/nonexistent/ffmpeg"), Clock.systemUTC()));
        assertThat(posted).singleElement().satisfies(v -> {
            assertThat(v.file()).isNull();
            assertThat(v.url()).startsWith("https://banditore.example/api/v1/alerts/alert-1/captions/chivasso.mp4?lang=it-IT&expires=")
                    .contains("&signature=");
        });
        assertThat(outcome).isEqualTo(new SendOutcome.Sent("pub-1", "https://www.tiktok.com/@comunedichivasso",
                "TikTok PUBLISH_COMPLETE; no video rendered: /nonexistent/ffmpeg is not installed on this host; "
                        + "TikTok was given a link to it at https://banditore.example"));
        assertThat(published).hasSize(1);
    }

    @Test
    void withoutFfmpegAndFileUploadRequiredNothingIsPosted() {
        SendOutcome outcome = send(channel(Map.of("video.ffmpeg", "/nonexistent/ffmpeg", "upload-mode", "file-upload"), Clock.systemUTC()));
        assertThat(outcome).isEqualTo(new SendOutcome.Failed("no video rendered: /nonexistent/ffmpeg is not installed on this host; "
                + "captions published on captions.v1; nothing posted on TikTok"));
        assertThat(posted).isEmpty();
        assertThat(published).hasSize(1);
    }

    @Test
    void aRenderThatFailsIsTriedAgainLaterAndNothingIsPosted() throws IOException {
        // An ffmpeg that answers -version but fails every render.
        Path broken = Files.writeString(dir.resolve("ffmpeg"), "#!/bin/sh\n[ \"$1\" = -version ] && exit 0\necho 'render failed' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        SendOutcome outcome = send(channel(Map.of("video.ffmpeg", broken.toString()), Clock.systemUTC()));
        assertThat(outcome).isEqualTo(new SendOutcome.RetryLater(Duration.ZERO, "no video rendered: ffmpeg failed (1): render failed"));
        assertThat(posted).isEmpty();
    }

    @Test
    void pullFromUrlWhenConfiguredRendersNothingHere() {
        SendOutcome outcome = send(channel(Map.of("upload-mode", "pull-from-url", "video.ffmpeg", "/nonexistent/ffmpeg"), Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(posted).singleElement().satisfies(v -> assertThat(v.url()).contains("/captions/chivasso.mp4?"));
    }

    @Test
    void anAlertThatExpiresWhileItsVideoRendersIsNotPosted() {
        Instant later = alert.info().get(0).expires().toInstant().plusSeconds(1);
        SendOutcome outcome = send(channel(Map.of(), Clock.fixed(later, ZoneOffset.UTC)));
        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("expired: the alert's validity ended while its video was rendered"));
        assertThat(posted).isEmpty();
    }

    @Test
    void anAlertCancelledWhileItsVideoRendersIsNotPosted() {
        var account = chivasso.channels().get("shortvideo");
        List<String> asked = new java.util.ArrayList<>();
        // The delivery's last-moment check: the Cancel arrives while the video is being rendered.
        LastMomentCheck cancelled = () -> {
            asked.add("asked");
            return Optional.of("cancelled by IT-REVOCA-1");
        };
        SendOutcome outcome = channel(Map.of(), Clock.systemUTC())
                .send(new SendRequest("alert-1", alert, chivasso, account, 1, 1, "caption", null, cancelled)).await().atMost(Duration.ofSeconds(60));
        assertThat(outcome).isInstanceOf(SendOutcome.Skipped.class);
        assertThat(((SendOutcome.Skipped) outcome).reason()).startsWith("cancelled by IT-REVOCA-1");
        assertThat(asked).isNotEmpty();
        assertThat(posted).isEmpty();
    }

    @Test
    void aTownWithoutATokenGetsCaptionsOnlyAndIsToldThereIsNoVideoWithoutFfmpeg() {
        ShortVideoChannel channel = channel(Map.of("video.ffmpeg", "/nonexistent/ffmpeg"), Clock.systemUTC());
        var account = new io.banditore.directory.ChannelAccount(null, "comunedichivasso", List.of(), List.of(), "nobody");
        SendOutcome outcome = channel.send(new SendRequest("alert-1", alert, chivasso, account, 1, 1, "caption", null))
                .await().atMost(Duration.ofSeconds(60));
        assertThat(outcome).isEqualTo(new SendOutcome.Skipped("no TikTok token for chivasso: captions published on captions.v1; "
                + "no video rendered: /nonexistent/ffmpeg is not installed on this host"));
        assertThat(posted).isEmpty();
        assertThat(published).hasSize(1);
        assertThat(channel.limits(new SendRequest("alert-1", alert, chivasso, account, 1, 1, "caption", null))).isEmpty();
    }

    private SendOutcome send(ShortVideoChannel channel) {
        var account = chivasso.channels().get("shortvideo");
        return channel.send(new SendRequest("alert-1", alert, chivasso, account, 1, 1, "caption", null)).await().atMost(Duration.ofSeconds(60));
    }

    private ShortVideoChannel channel(Map<String, String> overrides, Clock clock) {
        Map<String, String> keys = new HashMap<>(Map.of("public-url", "https://banditore.example", "video.preset", "ultrafast",
                "video.fps", "10", "video.work-dir", dir.resolve("videos").toString()));
        keys.putAll(overrides);
        ShortVideoConfig config = ShortVideoFixtures.config(keys);
        CaptionRenderer renderer = new CaptionRenderer(config, Samples.wording());
        CaptionService captions = new CaptionService(renderer, null, null, null, null, clock) {
            @Override
            public Uni<Void> publish(List<CaptionPackage> packages) {
                published.add(packages);
                return Uni.createFrom().voidItem();
            }
        };
        TikTokPublisher tiktok = new TikTokPublisher(null, config) {
            @Override
            public Uni<SendOutcome> publish(String token, String account, String title, VideoSource video, LastMomentCheck lastMoment,
                    PendingPost pending) {
                if (lastMoment.whyNot().isPresent()) {
                    return Uni.createFrom().item(new SendOutcome.Skipped(lastMoment.whyNot().get()));
                }
                posted.add(video);
                return Uni.createFrom().item(new SendOutcome.Sent("pub-1", "https://www.tiktok.com/@" + account, "TikTok PUBLISH_COMPLETE"));
            }
        };
        Credentials credentials = new Credentials(null) {
            @Override
            public Optional<String> get(String secretName, String key) {
                return "chivasso".equals(secretName) ? Optional.of("act.unit") : Optional.empty();
            }
        };
        return new ShortVideoChannel(captions, new VideoRenderer(config), new VideoLinks(config, clock), tiktok, credentials, config, clock);
    }
}
