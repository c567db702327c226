package io.banditore.channel.shortvideo.video;

import io.banditore.channel.Wording;

/**
 * The colours of a video's card: the colour of the alert's level (Level, shared with every channel's emoji and words),
 * and for each background the text colour (black or white) that reads best on it. A test or exercise gets a neutral
 * card whatever its severity, so that a glimpse of it cannot be taken for a real alert.
 */
public final class CardStyle {

    /** Background of a test or exercise. */
    public static final String PRACTICE = "#37474F";

    private CardStyle() {
    }

    /** The background colour (#RRGGBB) of this message's card: its level's colour, or the practice colour. */
    public static String background(Wording words) {
        return words.practice() ? PRACTICE : words.level().colour();
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
