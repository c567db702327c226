package io.banditore.directory;

/**
 * The names of the channels Banditore's own packages declare, as they appear in the directory, the topics and the
 * API. Which channels exist, their order and their topics are what the channels declare ({@link DeclaredChannels}).
 */
public final class ChannelName {

    public static final String TELEGRAM = "telegram";
    public static final String X = "x";
    /** The short video: its caption package on captions.v1 and its TikTok post. */
    public static final String SHORTVIDEO = "shortvideo";
    /** The same short video as an Instagram Reel: a delivery of its own, on the short-video dispatch topic. */
    public static final String INSTAGRAM = "instagram";
    /** The same short video as a YouTube Short: a delivery of its own, on the short-video dispatch topic. */
    public static final String YOUTUBE = "youtube";

    private ChannelName() {
    }
}
