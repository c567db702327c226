package io.banditore.channel.shortvideo.video;

import java.util.Locale;
import java.util.Optional;

import io.banditore.alert.Info;

/**
 * The colours of a video's card: the Italian criticality colour when the alert carries one, otherwise CAP's severity,
 * and for each background the text colour (black or white) that reads best on it. A test or exercise gets a neutral
 * card whatever its severity, so that a glimpse of it cannot be taken for a real alert.
 */
public final class CardStyle {

    /** Background of a test or exercise. */
    public static final String PRACTICE = "#37474F";

    private CardStyle() {
    }

    /** The background colour (#RRGGBB) for this info block. */
    public static String background(Info info, boolean practice) {
        if (practice) {
            return PRACTICE;
        }
        Optional<String> colour = info.parameterValue("colore").or(() -> info.parameterValue("colour"));
        if (colour.isPresent()) {
            switch (colour.get().toLowerCase(Locale.ROOT)) {
                case "rossa", "rosso", "red": return "#B71C1C";
                case "arancione", "orange": return "#EF6C00";
                case "gialla", "giallo", "yellow": return "#FBC02D";
                case "verde", "green": return "#2E7D32";
                default: break;
            }
        }
        if (info.severity() == null) {
            return "#455A64";
        }
        return switch (info.severity()) {
            case Extreme -> "#B71C1C";
            case Severe -> "#EF6C00";
            case Moderate -> "#FBC02D";
            case Minor -> "#2E7D32";
            case Unknown -> "#455A64";
        };
    }

    /** Black or white, whichever contrasts more with the background. */
    public static String textOn(String background) {
        return contrast(background, "#000000") >= contrast(background, "#FFFFFF") ? "#000000" : "#FFFFFF";
    }

    /** The WCAG 2 contrast ratio of two colours, from 1 to 21. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xFF) + 0.7152 * channel(rgb >> 8 & 0xFF) + 0.0722 * channel(rgb & 0xFF);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
