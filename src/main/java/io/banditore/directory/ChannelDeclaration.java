package io.banditore.directory;

import java.util.List;

import io.banditore.alert.Violation;

/**
 * What a channel declares to the directory, the router and the dispatchers: its name, the dispatch topic it rides,
 * where its deliveries come among a town's, and the rules of its accounts. Each channel's package declares one as a
 * bean; {@link DeclaredChannels} finds them, so that adding a channel changes nothing outside its package.
 */
public interface ChannelDeclaration {

    /** The channel's name, as in the directory, the delivery ids and the API. */
    String name();

    /**
     * The directory entry whose account this channel publishes with, and whose dispatch topic its orders ride: its own
     * name, or another channel's whose one rendering it shares (Instagram Reels and YouTube Shorts ride the short
     * video's).
     */
    default String dispatchedAs() {
        return name();
    }

    /** Where this channel's deliveries come among a town's (made and shown in this order, lowest first). */
    int rank();

    /**
     * The rules an account of this channel obeys in the directory; each broken rule is added to {@code errors} with a
     * JSON pointer under {@code at} (e.g. {@code /channels/telegram}). Asked only of channels that are their own
     * directory entry; a target's hashtags and handles are checked for every channel alike.
     */
    void checkAccount(String at, ChannelAccount account, List<Violation> errors);

    /** Whether this channel is a directory entry of its own, rather than riding another's. */
    default boolean ownEntry() {
        return name().equals(dispatchedAs());
    }
}
