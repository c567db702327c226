package io.banditore.channel.shortvideo.caption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.banditore.alert.Alert;
import io.banditore.channel.AlertWording;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.Shortening;
import io.banditore.channel.Wording;
import io.banditore.channel.shortvideo.ShortVideoConfig;
import io.banditore.channel.shortvideo.subtitle.CueSplitter;
import io.banditore.channel.shortvideo.subtitle.SubtitleRules;
import io.banditore.channel.shortvideo.video.CardStyle;
import io.banditore.channel.shortvideo.video.VideoCard;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelName;
import io.banditore.directory.Target;

/**
 * Where a short video's texts come from: for each info block the town gets (AlertWording), the TikTok caption (2,200),
 * the Instagram Reels caption (2,200, at most 30 hashtags) and the YouTube Shorts title (100), each with the town's
 * hashtags (and, on TikTok, its handle) where there is room, and a test's label first and last so that no excerpt looks real; and the
 * spoken script with its subtitles (ScriptWriter).
 */
@ApplicationScoped
public class CaptionRenderer {

    /** TikTok's limit on a caption, in UTF-16 units. */
    public static final int MAX_LENGTH = 2200;
    /** Instagram's limits on a Reels caption. */
    public static final int REELS_MAX_LENGTH = 2200;
    public static final int REELS_MAX_HASHTAGS = 30;
    /** YouTube's limit on a title. */
    public static final int SHORTS_MAX_TITLE = 100;
    /** Subtitles and the video's timeline are placed on this grid (the card's frame interval). */
    public static final long GRID_MS = 100;

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]+)");
    private final ScriptWriter scripts;
    private final AlertWording wording;

    @Inject
    public CaptionRenderer(ShortVideoConfig config, AlertWording wording) {
        this(new ScriptWriter(new CueSplitter(SubtitleRules.standard(config.subtitles().readingRate(), GRID_MS)),
                config.video().maxDuration().toMillis()), wording);
    }

    public CaptionRenderer(ScriptWriter scripts, AlertWording wording) {
        this.scripts = scripts;
        this.wording = wording;
    }

    /** A package, and the instant after which it must not be posted (its info block's expiry), or null. */
    public record Captioned(CaptionPackage pkg, Instant expires) {
    }

    /** One package per info block the town gets (or per withdrawal), in order. */
    public List<Captioned> render(String alertId, RenderRequest request) {
        List<Captioned> packages = new ArrayList<>();
        for (Wording words : wording.wordings(request)) {
            packages.add(new Captioned(build(alertId, request.alert(), words, request.target()), words.expires()));
        }
        return packages;
    }

    public List<CaptionPackage> packages(String alertId, RenderRequest request) {
        return render(alertId, request).stream().map(Captioned::pkg).toList();
    }

    private CaptionPackage build(String alertId, Alert alert, Wording words, Target target) {
        ChannelAccount account = target.account(ChannelName.SHORTVIDEO).orElse(null);
        List<String> hashtags = hashtags(account);
        String handle = handle(account);
        int reelsTags = Math.min(hashtags.size(), REELS_MAX_HASHTAGS);

        String tiktok = caption(words, w -> body(w), handle, hashtags, MAX_LENGTH);
        // No handle on the Reel: the short-video account's handle is TikTok's, which on Instagram may be someone else.
        String reels = caption(words, w -> limitHashtags(body(w), REELS_MAX_HASHTAGS - reelsTags), null, hashtags.subList(0, reelsTags),
                REELS_MAX_LENGTH);
        String shorts = shortsTitle(words, hashtags);
        var variants = new CaptionPackage.Variants(
                new CaptionPackage.Variant(tiktok, tiktok.length(), MAX_LENGTH, countHashtags(tiktok), null),
                new CaptionPackage.Variant(reels, reels.length(), REELS_MAX_LENGTH, countHashtags(reels), REELS_MAX_HASHTAGS),
                new CaptionPackage.Variant(shorts, shorts.length(), SHORTS_MAX_TITLE, countHashtags(shorts), null));

        Script script = scripts.write(words);
        VideoCard card = card(words, target);
        String hash = hash(tiktok, reels, shorts, script.text(), script.cues().toString(), card.toString(), words.language());
        return new CaptionPackage(alertId, alert.identifier(), target.id(), target.name(), words.language(), alert.status().name(),
                alert.msgType().name(), words.practiceLabel(), tiktok, handle, hashtags, script.text(), script.abridged(), script.cues(),
                script.durationMs(), variants, card, hash);
    }

    /** The alert as a post: what, where, what happens, what to do, until when, who says so. */
    private static String body(Wording words) {
        if (words.withdrawal()) {
            String line = words.kindLabel() + ": " + oneLine(words.headline()) + " — " + oneLine(words.sender());
            return words.notice() == null ? line : line + "\n" + words.notice();
        }
        StringBuilder text = new StringBuilder(words.level().emoji()).append(' ');
        if (words.kindLabel() != null) {
            text.append(words.kindLabel()).append(": ");
        }
        text.append(oneLine(words.headline()));
        if (!words.area().isEmpty()) {
            text.append("\n📍 ").append(words.areaPrefix()).append(oneLine(words.area()));
        }
        if (!words.description().isEmpty()) {
            text.append("\n\n").append(words.description());
        }
        if (!words.instruction().isEmpty()) {
            text.append("\n\n").append(words.instructionPrefix()).append(words.instruction());
        }
        if (words.validUntil() != null) {
            text.append("\n\n🕒 ").append(words.validityPrefix()).append(words.validUntil());
        }
        if (!words.link().isEmpty()) {
            text.append("\n🔗 ").append(words.link());
        }
        return text.append("\n— ").append(oneLine(words.sender())).toString();
    }

    /**
     * Label, body, label again, handle and hashtags. Only the body is ever shortened, by the Wording's rule (the
     * description first, then the instruction), so that the label and the town's tags always survive.
     */
    private static String caption(Wording words, Function<Wording, String> body, String handle, List<String> hashtags, int max) {
        String head = words.practice() ? "⚠️ " + words.practiceLabel() + "\n\n" : "";
        String foot = words.practice() ? "\n\n⚠️ " + words.practiceLabel() : "";
        List<String> tags = new ArrayList<>();
        if (handle != null) {
            tags.add(handle);
        }
        tags.addAll(hashtags);
        String tagLine = tags.isEmpty() ? "" : "\n\n" + String.join(" ", tags);
        int room = max - head.length() - foot.length() - tagLine.length();
        Wording fitted = words.fit(w -> body.apply(w).length() <= room, (text, fits) -> Shortening.longestFitting(text, fits, String::length));
        // Even the headline, area and sender may be more than the room: then they are cut too, as a last resort.
        return head + Shortening.cut(body.apply(fitted), room, String::length) + foot + tagLine;
    }

    /**
     * The Shorts title: a test's label first and whole, then the headline (shortened if need be), then the town's
     * first hashtag if it fits. YouTube refuses angle brackets in titles.
     */
    private static String shortsTitle(Wording words, List<String> hashtags) {
        StringBuilder title = new StringBuilder();
        title.append(words.practice() ? words.practiceLabel() + ": " : words.level().emoji() + " ");
        if (words.kindLabel() != null) {
            title.append(words.kindLabel()).append(": ");
        }
        String tag = hashtags.isEmpty() ? "" : " " + hashtags.get(0);
        String headline = oneLine(words.headline()).replace('<', '‹').replace('>', '›');
        int room = SHORTS_MAX_TITLE - title.length();
        if (headline.length() + tag.length() <= room) {
            return title + headline + tag;
        }
        return title + Shortening.cut(headline, room, String::length);
    }

    /** The card: plain words only (its font has no emoji), colours from CardStyle. */
    private static VideoCard card(Wording words, Target target) {
        String background = CardStyle.background(words);
        String kind = words.kindLabel() == null ? "" : words.kindLabel();
        String level = words.withdrawal() ? kind : (kind.isEmpty() ? "" : kind + " · ") + words.level().words();
        String validity = words.validUntil() == null ? null : words.validityPrefix() + words.validUntil();
        String area = words.withdrawal() ? ScriptWriter.speakable(words.notice()) : ScriptWriter.speakable(words.area());
        return new VideoCard(background, CardStyle.textOn(background), ScriptWriter.speakable(target.name()),
                words.practice() ? ScriptWriter.speakable(words.practiceLabel()) : null, level, ScriptWriter.speakable(words.headline()),
                area.isEmpty() ? null : words.withdrawal() ? area : words.areaPrefix() + area, validity, ScriptWriter.speakable(words.sender()));
    }

    static List<String> hashtags(ChannelAccount account) {
        Set<String> tags = new LinkedHashSet<>();
        if (account != null) {
            for (String tag : account.hashtags()) {
                String t = tag.strip().replaceAll("\\s+", "");
                if (!t.isEmpty() && !t.equals("#")) {
                    tags.add(t.startsWith("#") ? t : "#" + t);
                }
            }
        }
        return List.copyOf(tags);
    }

    static String handle(ChannelAccount account) {
        if (account == null || account.account() == null || account.account().isBlank()) {
            return null;
        }
        String a = account.account().strip();
        return a.startsWith("@") ? a : "@" + a;
    }

    static int countHashtags(String text) {
        Matcher m = HASHTAG.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Keeps the first {@code max} hashtags of the text; the '#' of any after them is dropped, the word stays. */
    static String limitHashtags(String text, int max) {
        Matcher m = HASHTAG.matcher(text);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            n++;
            m.appendReplacement(out, Matcher.quoteReplacement(n <= max ? m.group() : m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static String hash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
