package io.banditore.channel.shortvideo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How short videos are made and published. */
@ConfigMapping(prefix = "banditore.shortvideo")
public interface ShortVideoConfig {

    /** The service's public base URL, where signed video links point (TikTok's PULL_FROM_URL fetches from there). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** How TikTok gets the video: auto (the file when it was rendered here, else a link), file-upload or pull-from-url. */
    @WithDefault("auto")
    UploadMode uploadMode();

    /** Size of the chunks of a FILE_UPLOAD, in bytes: 5 MB to 64 MB, as TikTok requires; a smaller video goes whole. */
    @WithDefault("10000000")
    long uploadChunkSize();

    /** Pause before the first publish status check after the video is handed over; each pause after it doubles. */
    @WithDefault("PT0.5S")
    Duration statusFirstPoll();

    /** The longest pause between two publish status checks. */
    @WithDefault("PT3S")
    Duration statusPollInterval();

    /** How long TikTok may take to say PUBLISH_COMPLETE or FAILED; after that the post is reported unconfirmed. */
    @WithDefault("PT5M")
    Duration statusTimeout();

    /** Privacy levels in order of preference: the first one that TikTok offers for the creator is used. */
    @WithDefault("PUBLIC_TO_EVERYONE,FOLLOWER_OF_CREATOR,MUTUAL_FOLLOW_FRIENDS,SELF_ONLY")
    List<String> privacyLevels();

    Links links();

    Instagram instagram();

    YouTube youtube();

    Subtitles subtitles();

    Video video();

    enum UploadMode {
        AUTO, FILE_UPLOAD, PULL_FROM_URL
    }

    /** Signed links to a video, the one thing served without a token. */
    interface Links {

        /** Secret key of the links' HMAC-SHA256 signatures; every replica needs the same one. Random per process if unset. */
        Optional<String> signingKey();

        /** How long a signed link stays valid. */
        @WithDefault("PT2H")
        Duration ttl();

        /**
         * How long a request on a link made for one delivery attempt is held, waiting for that attempt's publish id to
         * reach this replica's delivery ledger, before it is refused (TikTok then fails that publish, never posts it).
         */
        @WithDefault("PT10S")
        Duration recordWait();
    }

    interface Subtitles {

        /** Reading pace subtitles are timed at, in characters per second (at most 17). */
        @WithDefault("14")
        double readingRate();
    }

    interface Video {

        /** Whether videos are rendered at all (they need ffmpeg; the voice needs espeak-ng). */
        @WithDefault("true")
        boolean enabled();

        /** Where videos are rendered and kept. */
        @WithDefault("${java.io.tmpdir}/banditore-video")
        String workDir();

        /** The ffmpeg program. */
        @WithDefault("ffmpeg")
        String ffmpeg();

        /** The espeak-ng program. */
        @WithDefault("espeak-ng")
        String espeak();

        /** The longest a video may last (TikTok, Reels and Shorts take under 60 s); the script is shortened to fit. */
        @WithDefault("PT55S")
        Duration maxDuration();

        /** The longest one program may run before it is stopped. */
        @WithDefault("PT3M")
        Duration timeout();

        /** x264 preset: faster presets make larger files. */
        @WithDefault("veryfast")
        String preset();

        /** x264 constant rate factor: lower is better quality and larger files. */
        @WithDefault("26")
        int crf();

        /** Frames per second (TikTok takes 23 to 60). */
        @WithDefault("25")
        int fps();

        /** Videos rendered at the same time. */
        @WithDefault("1")
        int concurrency();

        /** Threads one render may use; unset, all cores but one, so that the service itself always has a core. */
        Optional<Integer> threads();

        /** Pace of the voice, in words per minute. */
        @WithDefault("165")
        int voiceRate();

        /** How long rendered videos are kept. */
        @WithDefault("P2D")
        Duration retention();
    }

    /** Instagram Reels through the Instagram Graph API's content publishing (base URL: quarkus.rest-client.instagram.url). */
    interface Instagram {

        /** The Graph API version in every path, e.g. v21.0. */
        @WithDefault("v21.0")
        String graphVersion();

        /** Pause between two reads of a media container's status_code. */
        @WithDefault("PT5S")
        Duration statusPollInterval();

        /** How long Instagram may take to fetch and process the video; after that the Reel is tried again later with a new container. */
        @WithDefault("PT5M")
        Duration statusTimeout();

        /** Wait before trying again when Instagram limits the rate and gives no time of its own. */
        @WithDefault("PT1M")
        Duration rateLimitWait();

        /** Wait before looking again when the account has used its publishing limit (posts per 24 hours). */
        @WithDefault("PT15M")
        Duration publishingLimitWait();

        /** Whether the Reel also appears in the account's feed grid, not only in the Reels tab. */
        @WithDefault("true")
        boolean shareToFeed();
    }

    /**
     * YouTube Shorts through the YouTube Data API v3, videos.insert with the resumable upload protocol (base URLs:
     * quarkus.rest-client.youtube.url for the upload, quarkus.rest-client.google-oauth.url for the token endpoint).
     */
    interface YouTube {

        /** The video's category id: 25 is News & Politics. */
        @WithDefault("25")
        String categoryId();

        /** The video's privacyStatus: public, unlisted or private. */
        @WithDefault("public")
        String privacyStatus();

        /** Times an upload cut short is resumed, from the byte YouTube reports, within one attempt before the attempt gives up. */
        @WithDefault("3")
        int resumes();

        /** Wait before trying again after uploadLimitExceeded (the channel's uploads for the day) or a rate limit without Retry-After. */
        @WithDefault("PT1H")
        Duration uploadLimitWait();

        /** The zone whose midnight resets YouTube's daily quota: after quotaExceeded, the upload waits until then. */
        @WithDefault("America/Los_Angeles")
        String quotaZone();
    }
}
