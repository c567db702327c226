package io.banditore.channel.telegram;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.routing.Target;

/** Where a Telegram message gets its text: one HTML message per language, every piece of the alert's text escaped. */
@ApplicationScoped
public class TelegramRenderer {

    /** Telegram's limit on a message's text after entity parsing. */
    public static final int MAX_LENGTH = 4096;

    public List<String> render(Alert alert, Target target) {
        List<String> messages = new ArrayList<>();
        for (Info info : AlertWording.infosFor(alert, target)) {
            messages.add(render(alert, info));
        }
        return messages;
    }

    private String render(Alert alert, Info info) {
        boolean it = AlertWording.italian(info);
        StringBuilder text = new StringBuilder();
        AlertWording.practiceLabel(alert.status(), it).ifPresent(l -> text.append("<b>⚠️ ").append(escape(l)).append("</b>\n\n"));
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
        if (text.length() <= MAX_LENGTH) {
            return text.toString();
        }
        // Cut at a line end, where every tag is closed and no entity is split.
        int cut = Math.max(text.lastIndexOf("\n", MAX_LENGTH - 2), 0);
        return text.substring(0, cut) + "\n…";
    }

    /** parse_mode HTML needs only these three escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
