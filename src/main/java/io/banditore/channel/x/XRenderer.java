package io.banditore.channel.x;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.twitter.twittertext.TwitterTextParser;

import io.banditore.channel.AlertWording;
import io.banditore.channel.Memo;
import io.banditore.channel.Part;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.TextSplitter;
import io.banditore.channel.Wording;
import io.banditore.directory.ChannelName;
import io.banditore.directory.Target;

/**
 * Where an X post gets its text: the alert within X's 280 weighted characters, counted by the official twitter-text
 * library (URLs 23, CJK and emoji 2). A longer alert, or one the town gets in several info blocks, becomes a thread
 * numbered 1/N; every post of a Test or Exercise thread says so, and every post of an Update or Cancel what it is,
 * since any one of them may be seen alone.
 */
@ApplicationScoped
public class XRenderer {

    public static final int MAX_WEIGHTED_LENGTH = 280;
    /** Room kept on every post of a thread for " 12/12". */
    private static final int COUNTER_ROOM = 6;
    /** A fan-out measures the same texts and prefixes for every town: each is parsed once. */
    private static final Memo<String, Integer> WEIGHTED_LENGTHS = new Memo<>(2048, text -> TwitterTextParser.parseTweet(text).weightedLength);

    private final AlertWording wording;

    public XRenderer(AlertWording wording) {
        this.wording = wording;
    }

    public List<Part> render(RenderRequest request) {
        List<Wording> blocks = wording.wordings(request);
        if (blocks.size() == 1) {
            String single = body(blocks.get(0)) + tail(blocks.get(0), request.target());
            if (weightedLength(single) <= MAX_WEIGHTED_LENGTH) {
                return List.of(new Part(single, blocks.get(0).expires()));
            }
        }
        List<String> posts = new ArrayList<>();
        List<Wording> of = new ArrayList<>();
        for (Wording words : blocks) {
            for (String post : posts(words, request.target())) {
                posts.add(post);
                of.add(words);
            }
        }
        List<Part> thread = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            thread.add(new Part(posts.get(i) + " " + (i + 1) + "/" + posts.size(), of.get(i).expires()));
        }
        return thread;
    }

    /** One block's posts: its first carries the full labels in its text, the ones after repeat them short. */
    private static List<String> posts(Wording words, Target target) {
        String text = body(words);
        String tail = tail(words, target);
        String marker = words.shortLabels();
        int room = MAX_WEIGHTED_LENGTH - COUNTER_ROOM - weightedLength(marker);
        List<String> pieces = new ArrayList<>(TextSplitter.split(text, room, XRenderer::weightedLength));
        String last = pieces.get(pieces.size() - 1) + tail;
        if (!tail.isEmpty() && weightedLength(last) <= room) {
            pieces.set(pieces.size() - 1, last);
        } else if (!tail.isEmpty()) {
            pieces.add(tail.strip());
        }
        for (int i = 1; i < pieces.size(); i++) {
            pieces.set(i, marker + pieces.get(i));
        }
        return pieces;
    }

    public static int weightedLength(String text) {
        return WEIGHTED_LENGTHS.apply(text);
    }

    /** Labels, level, kind, headline and area; then what to do before what happens, as X readers stop early. */
    private static String body(Wording words) {
        StringBuilder text = new StringBuilder();
        if (words.practice()) {
            text.append("⚠️ ").append(words.practiceLabel()).append('\n');
        }
        if (words.withdrawal()) {
            text.append(words.kindLabel()).append(": ").append(words.headline()).append(" — ").append(words.sender());
            return words.notice() == null ? text.toString() : text.append('\n').append(words.notice()).toString();
        }
        text.append(words.level().emoji()).append(' ');
        if (words.kindLabel() != null) {
            text.append(words.kindLabel()).append(": ");
        }
        text.append(words.headline());
        if (!words.area().isEmpty()) {
            text.append(" – ").append(words.area());
        }
        for (String section : List.of(words.instruction(), words.description())) {
            if (!section.isEmpty()) {
                text.append("\n\n").append(section);
            }
        }
        return text.toString();
    }

    private static String tail(Wording words, Target target) {
        StringBuilder tail = new StringBuilder();
        if (!words.link().isEmpty()) {
            tail.append('\n').append(words.link());
        }
        var account = target.channels().get(ChannelName.X);
        String hashtags = account == null ? "" : String.join(" ", account.hashtags());
        if (!hashtags.isEmpty()) {
            tail.append('\n').append(hashtags);
        }
        return tail.toString();
    }
}
