package io.banditore.channel;

import java.util.List;

/** The names of Banditore's channels, as they appear in the directory, the topics and the API. */
public final class ChannelName {

    public static final String TELEGRAM = "telegram";
    public static final String X = "x";
    public static final String SHORTVIDEO = "shortvideo";

    public static final List<String> ALL = List.of(TELEGRAM, X, SHORTVIDEO);

    private ChannelName() {
    }
}
