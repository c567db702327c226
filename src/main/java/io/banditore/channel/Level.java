package io.banditore.channel;

import java.util.Locale;
import java.util.Optional;

import io.banditore.alert.Info;

/**
 * How grave an alert is, the one way every channel shows it: the emoji of a post, the words of a card, the colour of a
 * video's background. The Italian criticality colour (parameter "colore") when the alert carries one, otherwise CAP's
 * severity.
 */
public record Level(String emoji, String words, String colour) {

    /** An alert with neither a known colour nor a severity: a notice, in a neutral colour. */
    private static final String NEUTRAL = "#455A64";

    /** The colours of Italian practice, each with CAP's severity of the same criticality. */
    private enum Tone {
        RED("🔴", "#B71C1C", "ROSSA", "RED"),
        ORANGE("🟠", "#EF6C00", "ARANCIONE", "ORANGE"),
        YELLOW("🟡", "#FBC02D", "GIALLA", "YELLOW"),
        GREEN("🟢", "#2E7D32", "VERDE", "GREEN");

        final String emoji;
        final String colour;
        final String italian;
        final String english;

        Tone(String emoji, String colour, String italian, String english) {
            this.emoji = emoji;
            this.colour = colour;
            this.italian = italian;
            this.english = english;
        }

        static Optional<Tone> ofColour(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "rossa", "rosso", "red" -> Optional.of(RED);
                case "arancione", "orange" -> Optional.of(ORANGE);
                case "gialla", "giallo", "yellow" -> Optional.of(YELLOW);
                case "verde", "green" -> Optional.of(GREEN);
                default -> Optional.empty();
            };
        }
    }

    public static Level of(Info info, boolean italian) {
        Optional<String> named = info.parameterValue("colore").or(() -> info.parameterValue("colour")).filter(c -> !c.isBlank());
        Optional<Tone> tone = named.flatMap(Tone::ofColour).or(() -> bySeverity(info));
        String emoji = tone.map(t -> t.emoji).orElse("⚠️");
        String colour = tone.map(t -> t.colour).orElse(NEUTRAL);
        if (named.isPresent()) {
            // A colour the alert names is said as named, even one this mapping does not know.
            String word = named.flatMap(Tone::ofColour).map(t -> italian ? t.italian : t.english)
                    .orElse(named.get().replaceAll("[^\\p{L}\\p{N} ]", "").strip().toUpperCase(Locale.ROOT));
            return new Level(emoji, italian ? "ALLERTA " + word : word + " ALERT", colour);
        }
        return new Level(emoji, severityWords(info, italian), colour);
    }

    private static Optional<Tone> bySeverity(Info info) {
        if (info.severity() == null) {
            return Optional.empty();
        }
        return switch (info.severity()) {
            case Extreme -> Optional.of(Tone.RED);
            case Severe -> Optional.of(Tone.ORANGE);
            case Moderate -> Optional.of(Tone.YELLOW);
            case Minor -> Optional.of(Tone.GREEN);
            case Unknown -> Optional.empty();
        };
    }

    private static String severityWords(Info info, boolean it) {
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

    /** The level of a withdrawal: no criticality of its own. */
    static Level withdrawal(boolean italian) {
        return new Level("ℹ️", italian ? "AVVISO" : "NOTICE", NEUTRAL);
    }
}
