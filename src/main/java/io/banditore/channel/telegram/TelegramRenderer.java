package io.banditore.channel.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.channel.TextSplitter;
import io.banditore.routing.Target;

/**
 * Where a Telegram message gets its text: one HTML message per language, every piece of the alert's text escaped.
 * A message longer than Telegram allows is split where a reader would pause; every part of a Test or Exercise
 * carries its label, so that no part alone can pass for a real alert.
 */
@ApplicationScoped
public class TelegramRenderer {

    /** Telegram's limit on a message's text after entity parsing; the HTML counted here is never shorter. */
    public static final int MAX_LENGTH = 4096;
    private static final Pattern TAG = Pattern.compile("<(/?)(b|i)>");

    public List<String> render(Alert alert, Target target) {
        List<String> messages = new ArrayList<>();
        for (Info info : AlertWording.infosFor(alert, target)) {
            messages.addAll(parts(alert, info));
        }
        return messages;
    }

    private List<String> parts(Alert alert, Info info) {
        boolean it = AlertWording.italian(info);
        String label = AlertWording.practiceLabel(alert.status(), it).map(l -> "<b>⚠️ " + escape(l) + "</b>\n\n").orElse("");
        String body = body(alert, info, it);
        if (label.length() + body.length() <= MAX_LENGTH) {
            return List.of(label + body);
        }
        // Room for the label and a "(segue 12/12)" line on every part.
        int room = MAX_LENGTH - label.length() - 32;
        List<String> pieces = balanced(TextSplitter.split(body, room, String::length));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String counter = i == 0 ? "" : "<i>(" + (it ? "segue" : "continued") + " " + (i + 1) + "/" + pieces.size() + ")</i>\n";
            parts.add(label + counter + pieces.get(i));
        }
        return parts;
    }

    private static String body(Alert alert, Info info, boolean it) {
        StringBuilder text = new StringBuilder();
        text.append(AlertWording.marker(info)).append(' ');
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> text.append("<b>").append(k).append(":</b> "));
        text.append("<b>").append(escape(AlertWording.title(info))).append("</b>\n");
        String areas = AlertWording.areas(info);
        if (!areas.isEmpty()) {
            text.append(it ? "📍 Zona: " : "📍 Area: ").append(escape(areas)).append('\n');
        }
        if (info.description() != null && !info.description().isBlank()) {
            text.append('\n').append(escape(info.description().strip())).append('\n');
        }
        if (info.instruction() != null && !info.instruction().isBlank()) {
            text.append('\n').append(it ? "<b>Cosa fare:</b> " : "<b>What to do:</b> ").append(escape(info.instruction().strip())).append('\n');
        }
        if (info.expires() != null) {
            text.append('\n').append(it ? "🕒 Valido fino al " : "🕒 Valid until ").append(AlertWording.when(info.expires())).append('\n');
        }
        if (info.web() != null && !info.web().isBlank()) {
            text.append("🔗 ").append(escape(info.web().strip())).append('\n');
        }
        text.append("— ").append(escape(AlertWording.senderOf(alert, info)));
        return text.toString();
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
