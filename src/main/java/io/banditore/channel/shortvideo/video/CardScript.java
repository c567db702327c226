package io.banditore.channel.shortvideo.video;

import java.util.List;
import java.util.Locale;

import io.banditore.channel.Shortening;
import io.banditore.channel.shortvideo.caption.Script;
import io.banditore.channel.shortvideo.subtitle.Cue;

/**
 * The video's picture as an ASS script that ffmpeg's libass draws over a plain background: the card (town, level,
 * a test's label in a white box, headline, area, validity, source) for the whole video, and the subtitles, white on
 * a black box, each for its cue. Every text is made plain first, so that nothing in an alert is read as an ASS tag.
 */
public final class CardScript {

    public static final int WIDTH = 1080;
    public static final int HEIGHT = 1920;
    private static final String FONT = "DejaVu Sans";
    private static final String SUBTITLE_FONT = "DejaVu Sans Condensed";
    private static final int MAX_CARD_AREA = 90;

    private CardScript() {
    }

    public static String write(VideoCard card, List<Cue> cues, long durationMs) {
        String fg = colour(card.foreground());
        String end = time(durationMs);
        StringBuilder ass = new StringBuilder();
        ass.append("[Script Info]\n")
                .append("ScriptType: v4.00+\n")
                .append("PlayResX: ").append(WIDTH).append('\n')
                .append("PlayResY: ").append(HEIGHT).append('\n')
                .append("WrapStyle: 0\n")
                .append("ScaledBorderAndShadow: yes\n\n")
                .append("[V4+ Styles]\n")
                .append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, ")
                .append("Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, ")
                .append("MarginV, Encoding\n")
                .append(style("Town", FONT, 54, fg, fg, 1, 0, 8, 80, 80, 120))
                .append(style("Level", FONT, 60, fg, fg, 1, 0, 8, 80, 80, 220))
                .append(style("Practice", FONT, 56, "&H00000000", "&H00FFFFFF", 3, 18, 8, 80, 80, 390))
                .append(style("Card", FONT, 46, fg, fg, 1, 0, 8, 80, 80, card.practiceLabel() == null ? 420 : 620))
                .append(style("Subtitle", SUBTITLE_FONT, 46, "&H00FFFFFF", "&H00000000", 3, 14, 2, 60, 140, 500))
                .append('\n')
                .append("[Events]\n")
                .append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        dialogue(ass, "Town", 0, end, plain(card.town()));
        dialogue(ass, "Level", 0, end, plain(card.level()));
        if (card.practiceLabel() != null) {
            dialogue(ass, "Practice", 0, end, practice(card.practiceLabel()));
        }
        dialogue(ass, "Card", 0, end, body(card));
        for (Cue cue : cues) {
            dialogue(ass, "Subtitle", 1, time(cue.startMs()), time(cue.endMs()), String.join("\\N", cue.lines().stream().map(CardScript::plain).toList()));
        }
        return ass.toString();
    }

    /** Headline large (smaller when long), then area, validity and source. */
    private static String body(VideoCard card) {
        String headline = plain(card.headline());
        int size = headline.length() <= 60 ? 84 : headline.length() <= 120 ? 66 : 54;
        StringBuilder text = new StringBuilder("{\\fs").append(size).append("\\b1}").append(headline).append("{\\fs30\\b0}\\N\\N{\\fs46}");
        if (card.area() != null) {
            String area = plain(card.area());
            text.append(Shortening.cut(area, MAX_CARD_AREA, String::length)).append("\\N");
        }
        if (card.validity() != null) {
            text.append(plain(card.validity())).append("\\N");
        }
        if (card.source() != null) {
            text.append("{\\fs40}").append(plain(card.source()));
        }
        return text.toString();
    }

    /** The label's first words (up to the dash) large, the rest below. */
    private static String practice(String label) {
        String plain = plain(label);
        int dash = plain.indexOf(" – ");
        return dash < 0 ? plain : plain.substring(0, dash) + "\\N{\\fs44}" + plain.substring(dash + 3);
    }

    private static String style(String name, String font, int size, String primary, String outline, int borderStyle, int outlineWidth,
            int alignment, int marginL, int marginR, int marginV) {
        return String.format(Locale.ROOT, "Style: %s,%s,%d,%s,%s,%s,&H00000000,-1,0,0,0,100,100,0,0,%d,%d,0,%d,%d,%d,%d,1%n",
                name, font, size, primary, primary, outline, borderStyle, outlineWidth, alignment, marginL, marginR, marginV);
    }

    private static void dialogue(StringBuilder ass, String style, int layer, String end, String text) {
        dialogue(ass, style, layer, time(0), end, text);
    }

    private static void dialogue(StringBuilder ass, String style, int layer, String start, String end, String text) {
        ass.append("Dialogue: ").append(layer).append(',').append(start).append(',').append(end).append(',').append(style)
                .append(",,0,0,0,,").append(text).append('\n');
    }

    /** #RRGGBB as ASS's &HAABBGGRR. */
    static String colour(String hex) {
        String rgb = hex.substring(1);
        return "&H00" + rgb.substring(4, 6) + rgb.substring(2, 4) + rgb.substring(0, 2);
    }

    /** H:MM:SS.cc, ASS's time. */
    static String time(long ms) {
        long cs = ms / 10;
        return String.format(Locale.ROOT, "%d:%02d:%02d.%02d", cs / 360_000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
    }

    /** One line of plain text: braces and backslashes would start ASS tags, so they become look-alikes. */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replace('\\', '/').replace('{', '(').replace('}', ')').replaceAll("[\\r\\n]+", " ").strip();
    }
}
