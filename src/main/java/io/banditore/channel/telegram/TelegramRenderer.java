package io.banditore.channel.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.AlertWording;
import io.banditore.channel.Part;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.TextSplitter;
import io.banditore.channel.Wording;

/**
 * Where a Telegram message gets its text: one HTML message per language, every piece of the alert's text escaped.
 * A message longer than Telegram allows is split where a reader would pause; every part of a Test or Exercise
 * carries its label, and every part of an Update or Cancel its kind, so that no part alone can mislead.
 */
@ApplicationScoped
public class TelegramRenderer {

    /** Telegram's limit on a message's text after entity parsing; the HTML counted here is never shorter. */
    public static final int MAX_LENGTH = 4096;
    private static final Pattern TAG = Pattern.compile("<(/?)(b|i)>");

    private final AlertWording wording;

    public TelegramRenderer(AlertWording wording) {
        this.wording = wording;
    }

    /** One message per info block the town gets (split when long), each part carrying its block's expiry. */
    public List<Part> render(RenderRequest request) {
        List<Part> messages = new ArrayList<>();
        for (Wording words : wording.wordings(request)) {
            messages.addAll(Part.all(parts(words), words.expires()));
        }
        return messages;
    }

    private List<String> parts(Wording words) {
        String label = words.practice() ? "<b>⚠️ " + escape(words.practiceLabel()) + "</b>\n\n" : "";
        String body = words.withdrawal() ? withdrawal(words) : body(words);
        if (label.length() + body.length() <= MAX_LENGTH) {
            return List.of(label + body);
        }
        // Every part after the first says again what kind of message it belongs to, and which part it is.
        String kind = words.kindLabel() == null ? "" : "<b>" + escape(words.kindLabel()) + "</b> ";
        // Room for the labels and a "(segue 12/12)" line on every part.
        int room = MAX_LENGTH - label.length() - kind.length() - 32;
        List<String> pieces = balanced(TextSplitter.split(body, room, String::length));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String counter = i == 0 ? "" : kind + "<i>(" + words.continued() + " " + (i + 1) + "/" + pieces.size() + ")</i>\n";
            parts.add(label + counter + pieces.get(i));
        }
        return parts;
    }

    private static String body(Wording words) {
        StringBuilder text = new StringBuilder(words.level().emoji()).append(' ');
        if (words.kindLabel() != null) {
            text.append("<b>").append(escape(words.kindLabel())).append(":</b> ");
        }
        text.append("<b>").append(escape(words.headline())).append("</b>\n");
        if (!words.area().isEmpty()) {
            text.append("📍 ").append(words.areaPrefix()).append(escape(words.area())).append('\n');
        }
        if (!words.description().isEmpty()) {
            text.append('\n').append(escape(words.description())).append('\n');
        }
        if (!words.instruction().isEmpty()) {
            text.append("\n<b>").append(words.instructionPrefix().strip()).append("</b> ").append(escape(words.instruction())).append('\n');
        }
        if (words.validUntil() != null) {
            text.append("\n🕒 ").append(words.validityPrefix()).append(words.validUntil()).append('\n');
        }
        if (!words.link().isEmpty()) {
            text.append("🔗 ").append(escape(words.link())).append('\n');
        }
        return text.append("— ").append(escape(words.sender())).toString();
    }

    /** "REVOCA: headline — sender", and for a town an Update left, that it no longer concerns it. */
    private static String withdrawal(Wording words) {
        String line = "<b>" + escape(words.kindLabel()) + ":</b> <b>" + escape(words.headline()) + "</b> — " + escape(words.sender());
        return words.notice() == null ? line : line + "\n" + escape(words.notice());
    }

    /** A cut inside bold or italic text closes the tag at the end of one part and opens it again in the next. */
    private static List<String> balanced(List<String> pieces) {
        List<String> out = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String piece : pieces) {
            StringBuilder part = new StringBuilder();
            open.forEach(t -> part.append('<').append(t).append('>'));
            part.append(piece);
            Matcher m = TAG.matcher(piece);
            while (m.find()) {
                if (m.group(1).isEmpty()) {
                    open.add(m.group(2));
                } else {
                    open.remove(m.group(2));
                }
            }
            for (int i = open.size() - 1; i >= 0; i--) {
                part.append("</").append(open.get(i)).append('>');
            }
            out.add(part.toString());
        }
        return out;
    }

    /** parse_mode HTML needs only these three escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
