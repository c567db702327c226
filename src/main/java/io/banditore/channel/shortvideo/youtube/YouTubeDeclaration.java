package io.banditore.channel.shortvideo.youtube;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelDeclaration;
import io.banditore.directory.ChannelName;

/**
 * YouTube Shorts: a delivery of its own, made with the youtube entry of the town's short-video account (checked there) and
 * riding the short video's dispatch topic, whose dispatcher renders the one video they share.
 */
@ApplicationScoped
public class YouTubeDeclaration implements ChannelDeclaration {

    @Override
    public String name() {
        return ChannelName.YOUTUBE;
    }

    @Override
    public String dispatchedAs() {
        return ChannelName.SHORTVIDEO;
    }

    @Override
    public int rank() {
        return 4;
    }

    @Override
    public void checkAccount(String at, ChannelAccount account, List<Violation> errors) {
        // Never asked: the short-video account holds this platform's entry, and ShortVideoDeclaration checks it.
    }
}
