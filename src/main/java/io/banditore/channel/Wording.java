package io.banditore.channel;

import java.time.Instant;
import java.util.function.Predicate;

import io.banditore.alert.MsgType;

/**
 * What one message says, whatever channel carries it: one info block of an alert (or one withdrawal) for one town,
 * in its language. Channels only format these pieces; none of them composes an alert on its own.
 * <ul>
 * <li>{@code practiceLabel}: a Test's or Exercise's label, which every part of it carries; null for a real alert.</li>
 * <li>{@code kindLabel}: REVOCA / AGGIORNAMENTO (CANCELLED / UPDATE), which every part of a Cancel or Update carries.</li>
 * <li>{@code withdrawal}: a Cancel without info (written from the alert it withdraws) or an Update for a town it no
 * longer covers: such a message says only the kind, the headline, the {@code notice} and the sender.</li>
 * <li>{@code validUntil}: the expiry as people read it, in Italy's time; {@code expires}: the instant itself.</li>
 * </ul>
 * Empty pieces are "" (never null), except the labels, the notice and the validity, which are null when absent.
 */
public record Wording(String language, boolean italian, String practiceLabel, String shortPracticeLabel, MsgType kind, String kindLabel,
        boolean withdrawal, Level level, String headline, String area, String notice, String description, String instruction,
        Instant expires, String validUntil, String link, String sender) {

    public boolean practice() {
        return practiceLabel != null;
    }

    /** The labels a part after the first repeats, short: "[TEST] [REVOCA] "; "" for a plain alert. */
    public String shortLabels() {
        return (shortPracticeLabel == null ? "" : "[" + shortPracticeLabel + "] ") + (kindLabel == null ? "" : "[" + kindLabel + "] ");
    }

    public String areaPrefix() {
        return italian ? "Zona: " : "Area: ";
    }

    public String instructionPrefix() {
        return italian ? "Cosa fare: " : "What to do: ";
    }

    public String validityPrefix() {
        return italian ? "Valido fino al " : "Valid until ";
    }

    public String sourcePrefix() {
        return italian ? "Fonte: " : "Source: ";
    }

    /** "segue" on the parts after the first of a long message. */
    public String continued() {
        return italian ? "segue" : "continued";
    }

    /** What a shortened text says of the rest. */
    public String restInPost() {
        return italian ? "Tutti i dettagli nel testo del post." : "All the details are in the post's text.";
    }

    public Wording withDescription(String text) {
        return new Wording(language, italian, practiceLabel, shortPracticeLabel, kind, kindLabel, withdrawal, level, headline, area, notice, text,
                instruction, expires, validUntil, link, sender);
    }

    public Wording withInstruction(String text) {
        return new Wording(language, italian, practiceLabel, shortPracticeLabel, kind, kindLabel, withdrawal, level, headline, area, notice,
                description, text, expires, validUntil, link, sender);
    }

    /** A way of making one text shorter: the longest shortening of it that fits, or "" when none does. */
    public interface Shortener {
        String shorten(String text, Predicate<String> fits);
    }

    /**
     * The rule wherever room is short: the description gives way first (shortened, then left out), then the
     * instruction; the labels, the headline, the area and the sender never. What to do is the last thing a reader
     * loses. The result may still not fit when even they are too long; the channel then cuts what is left.
     */
    public Wording fit(Predicate<Wording> fits, Shortener shortener) {
        if (fits.test(this)) {
            return this;
        }
        String description = shortener.shorten(this.description, d -> !d.isEmpty() && fits.test(withDescription(d)));
        if (!description.isEmpty()) {
            return withDescription(description);
        }
        Wording withoutDescription = withDescription("");
        if (fits.test(withoutDescription)) {
            return withoutDescription;
        }
        return withoutDescription.withInstruction(shortener.shorten(instruction, i -> !i.isEmpty() && fits.test(withoutDescription.withInstruction(i))));
    }

    /** Whether this is shorter than the alert's own text (something given way). */
    public boolean abridgedFrom(Wording whole) {
        return !description.equals(whole.description) || !instruction.equals(whole.instruction);
    }
}
