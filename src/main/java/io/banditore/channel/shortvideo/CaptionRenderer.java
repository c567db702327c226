package io.banditore.channel.shortvideo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.channel.ChannelName;
import io.banditore.channel.shortvideo.subtitle.CueSplitter;
import io.banditore.channel.shortvideo.subtitle.SubtitleRules;
import io.banditore.channel.shortvideo.video.CardStyle;
import io.banditore.channel.shortvideo.video.VideoCard;
import io.banditore.routing.ChannelAccount;
import io.banditore.routing.Target;

/**
 * Where a short video's texts come from: for each language of the alert the town takes, the TikTok caption (2,200),
 * the Instagram Reels caption (2,200, at most 30 hashtags) and the YouTube Shorts title (100), each with the town's
 * handle and hashtags where there is room, and a test's label first and last so that no excerpt looks real; and the
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
    private static final String ELLIPSIS = "…";

    private final ScriptWriter scripts;

    @Inject
    public CaptionRenderer(ShortVideoConfig config) {
        this(new ScriptWriter(new CueSplitter(SubtitleRules.standard(config.subtitles().readingRate(), GRID_MS)),
                config.video().maxDuration().toMillis()));
    }

    public CaptionRenderer(ScriptWriter scripts) {
        this.scripts = scripts;
    }

    /** The post's caption for the channel: TikTok's, in the town's first language. */
    public List<String> render(Alert alert, Target target) {
        return List.of(packages(null, alert, target).get(0).caption());
    }

    /** One package per language of the alert that the town takes (or the alert's first language). */
    public List<CaptionPackage> packages(String alertId, Alert alert, Target target) {
        List<CaptionPackage> packages = new ArrayList<>();
        for (Info info : AlertWording.infosFor(alert, target)) {
            packages.add(build(alertId, alert, info, target));
        }
        return packages;
    }

    private CaptionPackage build(String alertId, Alert alert, Info info, Target target) {
        boolean it = AlertWording.italian(info);
        ChannelAccount account = target.channels().get(ChannelName.SHORTVIDEO);
        List<String> hashtags = hashtags(account);
        String handle = handle(account);
        Optional<String> label = AlertWording.practiceLabel(alert.status(), it);
        String body = body(alert, info, it);

        String tiktok = caption(label, body, handle, hashtags, MAX_LENGTH);
        String reels = caption(label, limitHashtags(body, Math.max(0, REELS_MAX_HASHTAGS - Math.min(hashtags.size(), REELS_MAX_HASHTAGS))),
                handle, hashtags.subList(0, Math.min(hashtags.size(), REELS_MAX_HASHTAGS)), REELS_MAX_LENGTH);
        String shorts = shortsTitle(alert, info, it, label, hashtags);
        var variants = new CaptionPackage.Variants(
                new CaptionPackage.Variant(tiktok, tiktok.length(), MAX_LENGTH, countHashtags(tiktok), null),
                new CaptionPackage.Variant(reels, reels.length(), REELS_MAX_LENGTH, countHashtags(reels), REELS_MAX_HASHTAGS),
                new CaptionPackage.Variant(shorts, shorts.length(), SHORTS_MAX_TITLE, countHashtags(shorts), null));

        Script script = scripts.write(alert, info);
        VideoCard card = card(alert, info, target, it, label);
        String hash = hash(tiktok, reels, shorts, script.text(), script.cues().toString(), card.toString(), info.languageOrDefault());
        return new CaptionPackage(alertId, alert.identifier(), target.id(), target.name(), info.languageOrDefault(), alert.status().name(),
                alert.msgType().name(), label.orElse(null), tiktok, handle, hashtags, script.text(), script.abridged(), script.cues(),
                script.durationMs(), variants, card, hash);
    }

    /** The alert as a post: what, where, what to do, until when, who says so. */
    private static String body(Alert alert, Info info, boolean it) {
        StringBuilder text = new StringBuilder();
        text.append(AlertWording.marker(info)).append(' ');
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> text.append(k).append(": "));
        text.append(oneLine(AlertWording.title(info)));
        String areas = AlertWording.areas(info);
        if (!areas.isEmpty()) {
            text.append('\n').append(it ? "📍 Zona: " : "📍 Area: ").append(oneLine(areas));
        }
        if (info.description() != null && !info.description().isBlank()) {
            text.append("\n\n").append(info.description().strip());
        }
        if (info.instruction() != null && !info.instruction().isBlank()) {
            text.append("\n\n").append(it ? "Cosa fare: " : "What to do: ").append(info.instruction().strip());
        }
        if (info.expires() != null) {
            text.append("\n\n").append(it ? "🕒 Valido fino al " : "🕒 Valid until ").append(AlertWording.when(info.expires()));
        }
        if (info.web() != null && !info.web().isBlank()) {
            text.append("\n🔗 ").append(info.web().strip());
        }
        text.append("\n— ").append(oneLine(AlertWording.senderOf(alert, info)));
        return text.toString();
    }

    /**
     * Label, body, label again, handle and hashtags. Only the body is ever shortened (between words, with an
     * ellipsis), so that the label and the town's tags always survive.
     */
    private static String caption(Optional<String> label, String body, String handle, List<String> hashtags, int max) {
        String head = label.map(l -> "⚠️ " + l + "\n\n").orElse("");
        String foot = label.map(l -> "\n\n⚠️ " + l).orElse("");
        List<String> tags = new ArrayList<>();
        if (handle != null) {
            tags.add(handle);
        }
        tags.addAll(hashtags);
        String tagLine = tags.isEmpty() ? "" : "\n\n" + String.join(" ", tags);
        int room = max - head.length() - foot.length() - tagLine.length();
        return head + shorten(body, room) + foot + tagLine;
    }

    /**
     * The Shorts title: a test's label first and whole, then the headline (shortened if need be), then the town's
     * first hashtag if it fits. YouTube refuses angle brackets in titles.
     */
    private static String shortsTitle(Alert alert, Info info, boolean it, Optional<String> label, List<String> hashtags) {
        StringBuilder title = new StringBuilder();
        label.ifPresent(l -> title.append(l).append(": "));
        if (label.isEmpty()) {
            title.append(AlertWording.marker(info)).append(' ');
        }
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> title.append(k).append(": "));
        String tag = hashtags.isEmpty() ? "" : " " + hashtags.get(0);
        String headline = oneLine(AlertWording.title(info)).replace('<', '‹').replace('>', '›');
        int room = SHORTS_MAX_TITLE - title.length();
        if (headline.length() + tag.length() <= room) {
            return title + headline + tag;
        }
        return title + shorten(headline, room);
    }

    /** The card: plain words only (its font has no emoji), colours from CardStyle. */
    private static VideoCard card(Alert alert, Info info, Target target, boolean it, Optional<String> label) {
        String background = CardStyle.background(info, label.isPresent());
        String level = AlertWording.kindLabel(alert.msgType(), it).map(k -> k + " · ").orElse("") + level(info, it);
        String validity = info.expires() == null ? null : (it ? "Valido fino al " : "Valid until ") + AlertWording.when(info.expires());
        String area = ScriptWriter.speakable(AlertWording.areas(info));
        return new VideoCard(background, CardStyle.textOn(background), ScriptWriter.speakable(target.name()),
                label.map(ScriptWriter::speakable).orElse(null), level, ScriptWriter.speakable(AlertWording.title(info)),
                area.isEmpty() ? null : (it ? "Zona: " : "Area: ") + area, validity, ScriptWriter.speakable(AlertWording.senderOf(alert, info)));
    }

    /** The alert's level in words: its criticality colour, or else its CAP severity. */
    private static String level(Info info, boolean it) {
        Optional<String> colour = info.parameterValue("colore").or(() -> info.parameterValue("colour"));
        if (colour.isPresent() && !colour.get().isBlank()) {
            String c = ScriptWriter.speakable(colour.get()).toUpperCase(Locale.ROOT);
            return it ? "ALLERTA " + c : c + " ALERT";
        }
        if (info.severity() == null) {
            return it ? "AVVISO" : "NOTICE";
        }
        return switch (info.severity()) {
            case Extreme -> it ? "PERICOLO ESTREMO" : "EXTREME DANGER";
            case Severe -> it ? "PERICOLO GRAVE" : "SEVERE DANGER";
            case Moderate -> it ? "PERICOLO MODERATO" : "MODERATE DANGER";
            case Minor -> it ? "PERICOLO LIEVE" : "MINOR DANGER";
            case Unknown -> it ? "AVVISO" : "NOTICE";
        };
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

    /** At most {@code max} UTF-16 units, cut between words and never inside a surrogate pair, with an ellipsis. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return "";
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int space = lastSpace(text, end);
        String cut = space > end / 2 ? text.substring(0, space) : text.substring(0, end);
        return cut.stripTrailing() + ELLIPSIS;
    }

    private static int lastSpace(String text, int end) {
        for (int i = end; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
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
