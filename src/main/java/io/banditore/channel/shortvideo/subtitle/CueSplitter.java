package io.banditore.channel.shortvideo.subtitle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.text.BreakIterator;

/**
 * Cuts a script into subtitles that keep {@link SubtitleRules}: each cue one or two lines, broken where a speaker
 * would pause (after a sentence, then after a colon or comma, then before a conjunction or preposition, and only
 * then between any two words, never after an article), timed at the reading pace on the rules' grid. A script comes
 * in parts (the label, the headline, the instruction...) and a cue never spans two parts.
 */
public final class CueSplitter {

    private static final int CUE_COST = 12;
    private static final int SHORT_CUE = 18;

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

    public CueSplitter(SubtitleRules rules) {
        this.rules = rules;
    }

    public SubtitleRules rules() {
        return rules;
    }

    /** The cues of a script, in order, numbered from 1 and timed from the start of the video. */
    public List<Cue> cues(List<String> parts, String language) {
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
        return cues;
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
        for (String word : TextMeasure.nfc(text).strip().split("\\s+")) {
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
                List<String> cue = words.subList(i, j);
                int characters = TextMeasure.characters(String.join(" ", cue));
                if (characters > rules.maxCueCharacters()) {
                    break;
                }
                if (best[i] == Double.MAX_VALUE) {
                    continue;
                }
                LineBreak layout = lines(cue, english);
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

    /** One line when it fits, else the best place to break in two; null when no break keeps both lines short enough. */
    private LineBreak lines(List<String> words, boolean english) {
        String whole = String.join(" ", words);
        if (TextMeasure.characters(whole) <= rules.maxLineCharacters()) {
            return new LineBreak(List.of(whole), 0);
        }
        if (rules.maxLines() < 2) {
            return null;
        }
        LineBreak best = null;
        for (int k = 1; k < words.size(); k++) {
            String first = String.join(" ", words.subList(0, k));
            String second = String.join(" ", words.subList(k, words.size()));
            int a = TextMeasure.characters(first);
            int b = TextMeasure.characters(second);
            if (a > rules.maxLineCharacters() || b > rules.maxLineCharacters()) {
                continue;
            }
            // Balanced lines read best; a slightly longer bottom line (a pyramid) is preferred to a longer top one.
            double cost = breakCost(words.get(k - 1), words.get(k), english) * 0.5 + Math.abs(a - b) / 4.0 + (a > b ? 1 : 0);
            if (best == null || cost < best.cost()) {
                best = new LineBreak(List.of(first, second), cost);
            }
        }
        return best;
    }

    /** What it costs to break between these two words: nothing after a sentence, most between an article and its noun. */
    private static double breakCost(String before, String after, boolean english) {
        String last = before.toLowerCase(Locale.ROOT);
        String next = strip(after.toLowerCase(Locale.ROOT));
        if ((english ? CLINGING_EN : CLINGING_IT).contains(strip(last)) || last.endsWith("'") || last.endsWith("’")) {
            return 40;
        }
        if (last.matches(".*[.!?…][\"»”)]*")) {
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
        return word.replaceAll("^[\\p{Punct}«“\"(]+|[\\p{Punct}»”\")]+$", "");
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
