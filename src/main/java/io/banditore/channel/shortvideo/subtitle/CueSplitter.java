package io.banditore.channel.shortvideo.subtitle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.ibm.icu.text.BreakIterator;

import io.banditore.channel.Memo;
import io.banditore.channel.shortvideo.caption.Script;

/**
 * Cuts a script into subtitles that keep {@link SubtitleRules}: each cue one or two lines, broken where a speaker
 * would pause (after a sentence, then after a colon or comma, then before a conjunction or preposition, and only
 * then between any two words, never after an article), timed at the reading pace on the rules' grid. A script comes
 * in parts (the label, the headline, the instruction...) and a cue never spans two parts.
 */
public final class CueSplitter {

    private static final int CUE_COST = 12;
    private static final int SHORT_CUE = 18;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}«“\"(]+|[\\p{Punct}»”\")]+$");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?…][\"»”)]*");

    /** Words a phrase starts with: a cue or line may begin before them. */
    private static final Set<String> PHRASE_STARTS_IT = Set.of("e", "ed", "o", "ma", "però", "che", "perché", "se", "quando",
            "mentre", "dove", "come", "oppure", "anche", "quindi", "poi", "per", "con", "senza", "fino", "verso", "tra", "fra",
            "dopo", "prima", "durante", "nelle", "nei", "negli", "nella", "nel", "sulle", "sui", "sulla", "sul", "dalle", "dai",
            "dalla", "dal", "in", "su", "da", "a", "non");
    private static final Set<String> PHRASE_STARTS_EN = Set.of("and", "or", "but", "that", "which", "who", "because", "if", "when",
            "while", "where", "as", "so", "then", "for", "with", "without", "until", "towards", "between", "after", "before",
            "during", "in", "on", "at", "from", "to", "into", "do", "not");
    /** Words that must not end a line or a cue: articles and prepositions that belong to what follows. */
    private static final Set<String> CLINGING_IT = Set.of("il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'",
            "di", "a", "da", "in", "con", "su", "per", "tra", "fra", "del", "dello", "della", "dei", "degli", "delle", "al",
            "allo", "alla", "ai", "agli", "alle", "dal", "nel", "nella", "sul", "sulla", "e", "o", "non", "ad", "ed");
    private static final Set<String> CLINGING_EN = Set.of("the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with",
            "from", "and", "or", "not", "no", "into", "onto");

    private final SubtitleRules rules;
    private final Memo<Script, List<Cue>> layouts = new Memo<>(1024, script -> layOut(script.parts(), script.language()));

    public CueSplitter(SubtitleRules rules) {
        this.rules = rules;
    }

    public SubtitleRules rules() {
        return rules;
    }

    /** The cues of a script, in order, numbered from 1 and timed from the start of the video. */
    public List<Cue> cues(List<String> parts, String language) {
        return layouts.apply(new Script(List.copyOf(parts), language));
    }

    /** A script to lay out: a fan-out lays out the same ones, and their shortenings, for every town. */
    private record Script(List<String> parts, String language) {
    }

    private List<Cue> layOut(List<String> parts, String language) {
        boolean english = language != null && language.toLowerCase(Locale.ROOT).startsWith("en");
        List<List<String>> texts = new ArrayList<>();
        for (String part : parts) {
            List<String> words = words(part);
            if (!words.isEmpty()) {
                texts.addAll(segment(words, english));
            }
        }
        List<Cue> cues = new ArrayList<>();
        long t = rules.leadInMs();
        for (List<String> lines : texts) {
            long duration = durationOf(TextMeasure.characters(String.join(" ", lines)));
            cues.add(new Cue(cues.size() + 1, t, t + duration, lines));
            t += duration + rules.gapMs();
        }
        return List.copyOf(cues);
    }

    /** How long the video lasts for these cues: the last one, then a short pause. */
    public long totalMs(List<Cue> cues) {
        return cues.isEmpty() ? rules.leadInMs() + rules.tailMs() : cues.get(cues.size() - 1).endMs() + rules.tailMs();
    }

    /** At the reading pace, never shorter than the minimum nor longer than the maximum, on the grid. */
    long durationOf(int characters) {
        long ms = SubtitleRules.onGrid(characters * 1000.0 / rules.readingCharactersPerSecond(), rules.quantumMs());
        return Math.min(rules.maxCueMs(), Math.max(rules.minCueMs(), ms));
    }

    /** Words, with any word longer than a line cut into pieces that fit, each but the last ending with a hyphen. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : SPACES.split(TextMeasure.nfc(text).strip())) {
            if (word.isEmpty()) {
                continue;
            }
            while (TextMeasure.characters(word) > rules.maxLineCharacters()) {
                int cut = offsetOfCharacter(word, rules.maxLineCharacters() - 1);
                words.add(word.substring(0, cut) + "-");
                word = word.substring(cut);
            }
            words.add(word);
        }
        return words;
    }

    /** The best cutting of a part into cues: the least total cost of cue breaks, line breaks and short cues. */
    private List<List<String>> segment(List<String> words, boolean english) {
        int n = words.size();
        Widths widths = new Widths(words);
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        List<List<String>> layouts = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            layouts.add(null);
        }
        Arrays.fill(best, Double.MAX_VALUE);
        best[0] = 0;
        for (int j = 1; j <= n; j++) {
            for (int i = j - 1; i >= 0; i--) {
                int characters = widths.of(i, j);
                if (characters > rules.maxCueCharacters()) {
                    break;
                }
                if (best[i] == Double.MAX_VALUE) {
                    continue;
                }
                LineBreak layout = lines(words, i, j, widths, english);
                if (layout == null) {
                    continue;
                }
                double cost = best[i] + CUE_COST + layout.cost()
                        + (j == n ? 0 : breakCost(words.get(j - 1), words.get(j), english))
                        + (characters < SHORT_CUE && n > j - i ? SHORT_CUE - characters : 0);
                if (cost < best[j]) {
                    best[j] = cost;
                    from[j] = i;
                    layouts.set(j, layout.lines());
                }
            }
        }
        List<List<String>> cues = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            cues.add(0, layouts.get(j));
        }
        return cues;
    }

    private record LineBreak(List<String> lines, double cost) {
    }

    /**
     * Words {@code [from, to)} on one line when they fit, else broken in two at the best place; null when no break keeps
     * both lines short enough.
     */
    private LineBreak lines(List<String> words, int from, int to, Widths widths, boolean english) {
        if (widths.of(from, to) <= rules.maxLineCharacters()) {
            return new LineBreak(List.of(String.join(" ", words.subList(from, to))), 0);
        }
        if (rules.maxLines() < 2) {
            return null;
        }
        int bestBreak = -1;
        double bestCost = 0;
        for (int k = from + 1; k < to; k++) {
            int a = widths.of(from, k);
            int b = widths.of(k, to);
            if (a > rules.maxLineCharacters() || b > rules.maxLineCharacters()) {
                continue;
            }
            // Balanced lines read best; a slightly longer bottom line (a pyramid) is preferred to a longer top one.
            double cost = breakCost(words.get(k - 1), words.get(k), english) * 0.5 + Math.abs(a - b) / 4.0 + (a > b ? 1 : 0);
            if (bestBreak < 0 || cost < bestCost) {
                bestBreak = k;
                bestCost = cost;
            }
        }
        return bestBreak < 0 ? null : new LineBreak(List.of(String.join(" ", words.subList(from, bestBreak)),
                String.join(" ", words.subList(bestBreak, to))), bestCost);
    }

    /**
     * The characters of words joined by single spaces, for any run of them, without measuring each joined text: a
     * space is a character of its own between two words, so a run counts its words' characters and its spaces. That
     * holds unless a word begins with a mark that clings to what precedes it (a combining mark, a joiner) or ends with
     * one that clings to what follows (a prepended mark): then every run is measured as written.
     */
    private static final class Widths {
        private final List<String> words;
        private final int[] before;
        private final boolean additive;

        Widths(List<String> words) {
            this.words = words;
            this.before = new int[words.size() + 1];
            boolean separate = true;
            for (int k = 0; k < words.size(); k++) {
                String word = words.get(k);
                before[k + 1] = before[k] + TextMeasure.characters(word);
                separate &= TextMeasure.standsApart(word);
            }
            this.additive = separate;
        }

        /** The characters of words {@code [from, to)} joined by spaces. */
        int of(int from, int to) {
            if (!additive) {
                return TextMeasure.characters(String.join(" ", words.subList(from, to)));
            }
            return before[to] - before[from] + Math.max(0, to - from - 1);
        }
    }

    /** What it costs to break between these two words: nothing after a sentence, most between an article and its noun. */
    private static double breakCost(String before, String after, boolean english) {
        String last = before.toLowerCase(Locale.ROOT);
        String next = strip(after.toLowerCase(Locale.ROOT));
        if ((english ? CLINGING_EN : CLINGING_IT).contains(strip(last)) || last.endsWith("'") || last.endsWith("’")) {
            return 40;
        }
        if (SENTENCE_END.matcher(last).matches()) {
            return 0;
        }
        if (last.endsWith(";") || last.endsWith(":")) {
            return 2;
        }
        if (last.endsWith(",") || last.endsWith(")") || after.equals("–") || after.equals("—") || after.equals("-")) {
            return 4;
        }
        if ((english ? PHRASE_STARTS_EN : PHRASE_STARTS_IT).contains(next)) {
            return 8;
        }
        return 20;
    }

    private static String strip(String word) {
        return EDGE_PUNCTUATION.matcher(word).replaceAll("");
    }

    private static int offsetOfCharacter(String word, int characters) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(word);
        int offset = 0;
        for (int c = 0; c < characters; c++) {
            int next = graphemes.next();
            if (next == BreakIterator.DONE) {
                break;
            }
            offset = next;
        }
        return offset;
    }
}
