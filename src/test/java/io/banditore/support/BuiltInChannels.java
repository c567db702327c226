package io.banditore.support;

import java.util.List;

import io.banditore.channel.shortvideo.ShortVideoDeclaration;
import io.banditore.channel.shortvideo.instagram.InstagramDeclaration;
import io.banditore.channel.shortvideo.youtube.YouTubeDeclaration;
import io.banditore.channel.telegram.TelegramDeclaration;
import io.banditore.channel.x.XDeclaration;
import io.banditore.directory.DeclaredChannels;

/** The channels Banditore's own packages declare, for tests that build the directory or the fan-out without CDI. */
public final class BuiltInChannels {

    private static final DeclaredChannels DECLARED = new DeclaredChannels(List.of(new TelegramDeclaration(), new XDeclaration(),
            new ShortVideoDeclaration(), new InstagramDeclaration(), new YouTubeDeclaration()));

    public static DeclaredChannels declared() {
        return DECLARED;
    }

    private BuiltInChannels() {
    }
}
