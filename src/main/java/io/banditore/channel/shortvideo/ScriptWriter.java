package io.banditore.channel.shortvideo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.channel.shortvideo.subtitle.Cue;
import io.banditore.channel.shortvideo.subtitle.CueSplitter;
import io.banditore.channel.shortvideo.subtitle.TextMeasure;

/**
 * Where a short video gets its words: the alert told aloud in the info block's language, within the video's length.
 * What must be said always is: a test's label (first and last), the kind of message, the headline and the area. Then,
 * while there is time, the instruction, the description and the source, whole or cut at a sentence; when something
 * had to be left out, the video says that the post's text has it all.
 */
public class ScriptWriter {

    private static final int MAX_TITLE = 200;
    private static final int MAX_AREA = 120;

    private final CueSplitter splitter;
    private final long maxDurationMs;

    public ScriptWriter(CueSplitter splitter, long maxDurationMs) {
        this.splitter = splitter;
        this.maxDurationMs = maxDurationMs;
    }

    public Script write(Alert alert, Info info) {
        boolean it = AlertWording.italian(info);
        String language = info.languageOrDefault();
        Optional<String> label = AlertWording.practiceLabel(alert.status(), it).map(l -> sentence(speakable(l)));
        String kind = AlertWording.kindLabel(alert.msgType(), it).map(k -> k + ": ").orElse("");
        String title = sentence(kind + cut(speakable(AlertWording.title(info)), MAX_TITLE));
        String areas = speakable(AlertWording.areas(info));

        List<String> head = new ArrayList<>();
        label.ifPresent(head::add);
        head.add(title);
        if (!areas.isEmpty()) {
            head.add(sentence((it ? "Zona: " : "Area: ") + cut(areas, MAX_AREA)));
        }
        List<String> tail = new ArrayList<>();
        label.ifPresent(tail::add);

        // In order of importance; said in the order of the alert.
        String description = speakable(nullToEmpty(info.description()));
        String instruction = speakable(nullToEmpty(info.instruction()));
        String source = speakable(AlertWording.senderOf(alert, info));
        String instructionPart = instruction.isEmpty() ? "" : sentence((it ? "Cosa fare: " : "What to do: ") + instruction);
        String descriptionPart = description.isEmpty() ? "" : sentence(description);
        String sourcePart = source.isEmpty() ? "" : sentence((it ? "Fonte: " : "Source: ") + source);
        String more = it ? "Tutti i dettagli nel testo del post." : "All the details are in the post's text.";

        String[] chosen = { "", "", "" };
        String[] wanted = { instructionPart, descriptionPart, sourcePart };
        boolean abridged = false;
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].isEmpty()) {
                continue;
            }
            String fitting = longestFitting(head, chosen, i, wanted[i], tail, more, language);
            abridged |= !fitting.equals(wanted[i]);
            chosen[i] = fitting;
        }
        List<String> parts = assemble(head, chosen, tail, abridged ? more : null);
        List<Cue> cues = splitter.cues(parts, language);
        return new Script(parts, cues, splitter.totalMs(cues), abridged);
    }

    /** The part whole if it fits in the time left, else its longest run of whole sentences that does, else nothing. */
    private String longestFitting(List<String> head, String[] chosen, int index, String part, List<String> tail, String more, String language) {
        // Room is kept for the words saying that something was left out, in case something later is.
        String[] trial = chosen.clone();
        trial[index] = part;
        if (fits(assemble(head, trial, tail, more), language)) {
            return part;
        }
        List<String> sentences = sentences(part, language);
        for (int n = sentences.size() - 1; n > 0; n--) {
            trial[index] = String.join(" ", sentences.subList(0, n)).strip();
            if (fits(assemble(head, trial, tail, more), language)) {
                return trial[index];
            }
        }
        return "";
    }

    private boolean fits(List<String> parts, String language) {
        return splitter.totalMs(splitter.cues(parts, language)) <= maxDurationMs;
    }

    private static List<String> assemble(List<String> head, String[] chosen, List<String> tail, String more) {
        List<String> parts = new ArrayList<>(head);
        // The alert's order: what happens, what to do, who says so.
        for (String part : new String[] { chosen[1], chosen[0], chosen[2] }) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        if (more != null) {
            parts.add(more);
        }
        parts.addAll(tail);
        return parts;
    }

    private static List<String> sentences(String text, String language) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(ULocale.forLanguageTag(language));
        iterator.setText(text);
        List<String> out = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String s = text.substring(start, end).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Text a voice can say and any font can show: NFC, no emoji, no links, hashtags or handles read as words, no
     * characters that subtitle formats or the video's text engine would take for markup, one space between words.
     */
    static String speakable(String text) {
        if (text == null) {
            return "";
        }
        String s = TextMeasure.withoutPictographs(TextMeasure.nfc(text));
        s = s.replaceAll("(?i)\\b(?:https?://|www\\.)\\S+", " ");
        s = s.replaceAll("(?<![\\p{L}\\p{N}])[#@](?=[\\p{L}\\p{N}_])", "");
        s = s.replaceAll("[<>{}\\[\\]\\\\|^~*_`]", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** Ends the text as a sentence, so that the voice pauses after it. */
    private static String sentence(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.matches("(?s).*[.!?…:;][\"»”)]*$")) {
            return s;
        }
        return s + ".";
    }

    /** At most {@code max} characters, cut between words, with an ellipsis. */
    static String cut(String text, int max) {
        if (TextMeasure.characters(text) <= max) {
            return text;
        }
        String head = text.substring(0, text.offsetByCodePoints(0, Math.min(max, text.codePointCount(0, text.length()))));
        int space = head.lastIndexOf(' ');
        return (space > max / 2 ? head.substring(0, space) : head).strip() + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
