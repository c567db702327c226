package io.banditore.channel.shortvideo;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;
import io.banditore.directory.AccountRules;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelDeclaration;
import io.banditore.directory.ChannelName;

/**
 * The short video: its caption package and its TikTok post. Its account names the TikTok account either in its own
 * account and credentials or in a tiktok entry (not both), and optionally an instagram and a youtube entry, each with
 * its own credentials; at least one. Instagram Reels and YouTube Shorts ride it (their own declarations).
 */
@ApplicationScoped
public class ShortVideoDeclaration implements ChannelDeclaration {

    private static final Pattern TIKTOK_ACCOUNT = Pattern.compile("[A-Za-z0-9_.]{2,24}");
    private static final String TIKTOK_WHAT = "a TikTok username without '@' (letters, digits, '_' and '.', 2 to 24)";
    /** The Graph API addresses an Instagram professional account by its numeric id, never by its username. */
    private static final Pattern INSTAGRAM_USER_ID = Pattern.compile("\\d{5,25}");
    private static final Pattern YOUTUBE_CHANNEL = Pattern.compile("UC[A-Za-z0-9_-]{22}|@[A-Za-z0-9._-]{3,30}");

    @Override
    public String name() {
        return ChannelName.SHORTVIDEO;
    }

    @Override
    public int rank() {
        return 2;
    }

    @Override
    public void checkAccount(String at, ChannelAccount account, List<Violation> errors) {
        boolean own = account.account() != null || account.credentials() != null;
        if (own && account.tiktok() != null) {
            errors.add(new Violation(at + "/tiktok", "TikTok is named twice: give account and credentials here or at " + at + ", not both"));
        }
        if (!own && account.tiktok() == null && account.instagram() == null && account.youtube() == null) {
            errors.add(new Violation(at, "names no platform: give tiktok, instagram or youtube, each with its account and credentials"));
        }
        if (own) {
            AccountRules.credentials(errors, at, name(), account.credentials());
            AccountRules.required(errors, at + "/account", account.account(), TIKTOK_ACCOUNT, TIKTOK_WHAT);
        }
        platform(errors, at + "/tiktok", "TikTok", account.tiktok(), TIKTOK_ACCOUNT, TIKTOK_WHAT);
        platform(errors, at + "/instagram", "Instagram", account.instagram(), INSTAGRAM_USER_ID,
                "the Instagram professional account's numeric IG user id (the Graph API's /{ig-user-id})");
        platform(errors, at + "/youtube", "YouTube", account.youtube(), YOUTUBE_CHANNEL,
                "a YouTube channel id (UC and 22 characters) or its @handle");
    }

    private static void platform(List<Violation> errors, String at, String name, ChannelAccount entry, Pattern pattern, String what) {
        if (entry == null) {
            return;
        }
        AccountRules.credentials(errors, at, name, entry.credentials());
        AccountRules.required(errors, at + "/account", entry.account(), pattern, what);
        if (entry.chat() != null || !entry.hashtags().isEmpty() || !entry.handles().isEmpty() || entry.tiktok() != null
                || entry.instagram() != null || entry.youtube() != null) {
            errors.add(new Violation(at, "takes only account and credentials; hashtags and handles belong to the short-video account, shared by every platform"));
        }
    }
}
