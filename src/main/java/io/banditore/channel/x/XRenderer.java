package io.banditore.channel.x;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.twitter.twittertext.TwitterTextParser;

import io.banditore.alert.Alert;
import io.banditore.alert.CapStatus;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.channel.ChannelName;
import io.banditore.channel.TextSplitter;
import io.banditore.routing.Target;

/**
 * Where an X post gets its text: the alert within X's 280 weighted characters, counted by the official twitter-text
 * library (URLs 23, CJK and emoji 2). A longer alert becomes a thread numbered 1/N; every post of a Test or Exercise
 * thread says so, since any one of them may be seen alone.
 */
@ApplicationScoped
public class XRenderer {

    public static final int MAX_WEIGHTED_LENGTH = 280;
    /** Room kept on every post of a thread for " 12/12". */
    private static final int COUNTER_ROOM = 6;

    public List<String> render(Alert alert, Target target) {
        Info info = AlertWording.infosFor(alert, target).get(0);
        boolean it = AlertWording.italian(info);
        String text = body(alert, info, it);
        String tail = tail(info, target);
        String single = text + tail;
        if (weightedLength(single) <= MAX_WEIGHTED_LENGTH) {
            return List.of(single);
        }
        String marker = shortLabel(alert.status(), it);
        int room = MAX_WEIGHTED_LENGTH - COUNTER_ROOM - weightedLength(marker);
        List<String> pieces = new ArrayList<>(TextSplitter.split(text, room, XRenderer::weightedLength));
        String last = pieces.get(pieces.size() - 1) + tail;
        if (!tail.isEmpty() && weightedLength(last) <= room) {
            pieces.set(pieces.size() - 1, last);
        } else if (!tail.isEmpty()) {
            pieces.add(tail.strip());
        }
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            // The first post carries the full label in its text; the ones after repeat a short one.
            posts.add((i == 0 ? "" : marker) + pieces.get(i) + " " + (i + 1) + "/" + pieces.size());
        }
        return posts;
    }

    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    private static String body(Alert alert, Info info, boolean it) {
        StringBuilder text = new StringBuilder();
        AlertWording.practiceLabel(alert.status(), it).ifPresent(l -> text.append("⚠️ ").append(l).append('\n'));
        text.append(AlertWording.marker(info)).append(' ');
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> text.append(k).append(": "));
        text.append(AlertWording.title(info));
        String areas = AlertWording.areas(info);
        if (!areas.isEmpty()) {
            text.append(" – ").append(areas);
        }
        if (info.instruction() != null && !info.instruction().isBlank()) {
            text.append("\n\n").append(info.instruction().strip());
        }
        if (info.description() != null && !info.description().isBlank()) {
            text.append("\n\n").append(info.description().strip());
        }
        return text.toString();
    }

    private static String tail(Info info, Target target) {
        StringBuilder tail = new StringBuilder();
        if (info.web() != null && !info.web().isBlank()) {
            tail.append('\n').append(info.web().strip());
        }
        var account = target.channels().get(ChannelName.X);
        String hashtags = account == null ? "" : String.join(" ", account.hashtags());
        if (!hashtags.isEmpty()) {
            tail.append('\n').append(hashtags);
        }
        return tail.toString();
    }

    private static String shortLabel(CapStatus status, boolean it) {
        return switch (status) {
            case Test -> "[TEST] ";
            case Exercise -> it ? "[ESERCITAZIONE] " : "[EXERCISE] ";
            default -> "";
        };
    }
}
