package io.banditore.channel.shortvideo.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

import io.banditore.channel.Shortening;
import io.banditore.channel.Wording;
import io.banditore.channel.shortvideo.subtitle.Cue;
import io.banditore.channel.shortvideo.subtitle.CueSplitter;
import io.banditore.channel.shortvideo.subtitle.TextMeasure;

/**
 * Where a short video gets its words: the alert told aloud in the info block's language, within the video's length.
 * What must be said always is: a test's label (first and last), the kind of message, the headline and the area. Then,
 * while there is time, the description and the instruction, whole or cut at a sentence, by the Wording's rule (the
 * description gives way first), and the source; when something had to be left out, the video says that the post's
 * text has it all.
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

    public Script write(Wording words) {
        String language = words.language();
        Optional<String> label = Optional.ofNullable(words.practiceLabel()).map(l -> sentence(speakable(l)));
        String kind = words.kindLabel() == null ? "" : words.kindLabel() + ": ";
        String title = sentence(kind + Shortening.cut(speakable(words.headline()), MAX_TITLE, TextMeasure::characters));
        String areas = speakable(words.area());

        List<String> head = new ArrayList<>();
        label.ifPresent(head::add);
        head.add(title);
        if (words.notice() != null) {
            head.add(sentence(speakable(words.notice())));
        }
        if (!areas.isEmpty()) {
            head.add(sentence(words.areaPrefix() + Shortening.cut(areas, MAX_AREA, TextMeasure::characters)));
        }
        List<String> tail = new ArrayList<>();
        label.ifPresent(tail::add);
        String source = speakable(words.sender());
        String sourcePart = source.isEmpty() ? "" : sentence(words.sourcePrefix() + source);
        String more = words.restInPost();

        Wording whole = words.withDescription(speakable(words.description())).withInstruction(speakable(words.instruction()));
        // Room is kept for the words saying that something was left out, in case something is.
        Wording said = whole.fit(w -> fits(assemble(head, w, sourcePart, tail, more), language),
                (text, fits) -> longestRunOfSentences(text, fits, language));
        String sourceSaid = fits(assemble(head, said, sourcePart, tail, more), language) ? sourcePart : "";
        boolean abridged = said.abridgedFrom(whole) || sourceSaid.length() < sourcePart.length();
        List<String> parts = assemble(head, said, sourceSaid, tail, abridged ? more : null);
        List<Cue> cues = splitter.cues(parts, language);
        return new Script(parts, cues, splitter.totalMs(cues), abridged);
    }

    /** The text's longest run of whole sentences, from its start, that fits; "" when not even the first does. */
    private static String longestRunOfSentences(String text, Predicate<String> fits, String language) {
        List<String> sentences = sentences(text, language);
        int n = Shortening.largest(sentences.size(), k -> String.join(" ", sentences.subList(0, k)).strip(), fits);
        return String.join(" ", sentences.subList(0, n)).strip();
    }

    private boolean fits(List<String> parts, String language) {
        return splitter.totalMs(splitter.cues(parts, language)) <= maxDurationMs;
    }

    private static List<String> assemble(List<String> head, Wording words, String source, List<String> tail, String more) {
        List<String> parts = new ArrayList<>(head);
        // The alert's order: what happens, what to do, who says so.
        for (String part : new String[] { words.description().isEmpty() ? "" : sentence(words.description()),
                words.instruction().isEmpty() ? "" : sentence(words.instructionPrefix() + words.instruction()), source }) {
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

}
