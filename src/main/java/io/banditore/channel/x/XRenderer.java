package io.banditore.channel.x;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.twitter.twittertext.TwitterTextParser;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.routing.Target;

/**
 * Where an X post gets its text: the alert compressed to X's 280 weighted characters, counted by the official
 * twitter-text library (URLs 23, CJK and emoji 2).
 */
@ApplicationScoped
public class XRenderer {

    public static final int MAX_WEIGHTED_LENGTH = 280;

    public List<String> render(Alert alert, Target target) {
        Info info = AlertWording.infosFor(alert, target).get(0);
        boolean it = AlertWording.italian(info);
        StringBuilder head = new StringBuilder();
        AlertWording.practiceLabel(alert.status(), it).ifPresent(l -> head.append("⚠️ ").append(l).append('\n'));
        head.append(AlertWording.marker(info)).append(' ');
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> head.append(k).append(": "));
        head.append(AlertWording.title(info));
        String areas = AlertWording.areas(info);
        if (!areas.isEmpty()) {
            head.append(" – ").append(areas);
        }
        StringBuilder tail = new StringBuilder();
        if (info.web() != null && !info.web().isBlank()) {
            tail.append('\n').append(info.web().strip());
        }
        String hashtags = String.join(" ", target.channels().get("x").hashtags());
        if (!hashtags.isEmpty()) {
            tail.append('\n').append(hashtags);
        }
        String instruction = info.instruction() == null ? "" : info.instruction().strip();
        List<String> parts = new ArrayList<>();
        parts.add(fit(head.toString(), instruction.isEmpty() ? "" : "\n" + instruction, tail.toString()));
        return parts;
    }

    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    /** The head and tail whole, and as much of the middle as fits, cut at a word with an ellipsis. */
    private static String fit(String head, String middle, String tail) {
        String whole = head + middle + tail;
        if (weightedLength(whole) <= MAX_WEIGHTED_LENGTH) {
            return whole;
        }
        String[] words = middle.split(" ");
        StringBuilder kept = new StringBuilder();
        for (String word : words) {
            String candidate = kept + (kept.length() == 0 ? "" : " ") + word;
            if (weightedLength(head + candidate + "…" + tail) > MAX_WEIGHTED_LENGTH) {
                break;
            }
            kept.setLength(0);
            kept.append(candidate);
        }
        String text = head + kept + (kept.length() == 0 ? "" : "…") + tail;
        if (weightedLength(text) <= MAX_WEIGHTED_LENGTH) {
            return text;
        }
        // Even the head is too long: cut it by code points, keeping the tail (link and hashtags).
        int end = head.codePointCount(0, head.length());
        while (end > 0 && weightedLength(head.substring(0, head.offsetByCodePoints(0, end)) + "…" + tail) > MAX_WEIGHTED_LENGTH) {
            end--;
        }
        return head.substring(0, head.offsetByCodePoints(0, end)) + "…" + tail;
    }
}
