package io.banditore.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A town's account on one channel: the chat or account to publish to, other handles it names (e.g. the prefecture's),
 * its hashtags, and the name of the secret that holds its credentials (never the credentials themselves). A
 * short-video account may name one account per platform ({@code tiktok}, {@code instagram}, {@code youtube}), each
 * with its own credentials, sharing the hashtags and the one video; its own {@code account} and {@code credentials},
 * where given, are TikTok's (the form the directory had before the other platforms).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChannelAccount(String chat, String account, List<String> handles, List<String> hashtags, String credentials,
        ChannelAccount tiktok, ChannelAccount instagram, ChannelAccount youtube) {

    public ChannelAccount {
        handles = handles == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(handles));
        hashtags = hashtags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(hashtags));
    }

    public ChannelAccount(String chat, String account, List<String> handles, List<String> hashtags, String credentials) {
        this(chat, account, handles, hashtags, credentials, null, null, null);
    }

    /** The TikTok account of a short-video account: its {@code tiktok} entry, or its own account and credentials. */
    public ChannelAccount tiktokAccount() {
        return tiktok != null ? shared(tiktok) : new ChannelAccount(chat, account, handles, hashtags, credentials);
    }

    /** The platform's account with this account's hashtags and handles, or null when the platform has none. */
    ChannelAccount platform(ChannelAccount entry) {
        return entry == null ? null : shared(entry);
    }

    private ChannelAccount shared(ChannelAccount entry) {
        return new ChannelAccount(null, entry.account(), handles, hashtags, entry.credentials());
    }
}
