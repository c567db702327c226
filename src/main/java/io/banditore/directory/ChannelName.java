package io.banditore.directory;

import java.util.List;

/** The names of Banditore's channels, as they appear in the directory, the topics and the API. */
public final class ChannelName {

    public static final String TELEGRAM = "telegram";
    public static final String X = "x";
    /** The short video: its caption package on captions.v1 and its TikTok post. */
    public static final String SHORTVIDEO = "shortvideo";
    /** The same short video as an Instagram Reel: a delivery of its own, on the short-video dispatch topic. */
    public static final String INSTAGRAM = "instagram";
    /** The same short video as a YouTube Short: a delivery of its own, on the short-video dispatch topic. */
    public static final String YOUTUBE = "youtube";

    /** Every delivery channel, in the order a town's deliveries are made and shown. */
    public static final List<String> ALL = List.of(TELEGRAM, X, SHORTVIDEO, INSTAGRAM, YOUTUBE);
    /** The channels a target of the directory names; Instagram and YouTube accounts sit inside its short-video account. */
    public static final List<String> DIRECTORY = List.of(TELEGRAM, X, SHORTVIDEO);

    /**
     * The directory channel, and dispatch topic, a delivery channel belongs to: Instagram Reels and YouTube Shorts ride
     * the short-video topic, whose dispatcher renders the one video they share.
     */
    public static String dispatchedAs(String channel) {
        return INSTAGRAM.equals(channel) || YOUTUBE.equals(channel) ? SHORTVIDEO : channel;
    }

    private ChannelName() {
    }
}
