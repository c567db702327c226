package io.banditore.channel.shortvideo;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Info;
import io.banditore.channel.AlertWording;
import io.banditore.channel.ChannelName;
import io.banditore.routing.Target;

/** Where a short video's caption gets its text: the alert for the town, with its hashtags, within TikTok's 2,200 characters. */
@ApplicationScoped
public class CaptionRenderer {

    /** TikTok's (and Reels') limit on a caption, in characters. */
    public static final int MAX_LENGTH = 2200;

    public List<String> render(Alert alert, Target target) {
        Info info = AlertWording.infosFor(alert, target).get(0);
        boolean it = AlertWording.italian(info);
        StringBuilder caption = new StringBuilder();
        AlertWording.practiceLabel(alert.status(), it).ifPresent(l -> caption.append("⚠️ ").append(l).append("\n\n"));
        caption.append(AlertWording.marker(info)).append(' ');
        AlertWording.kindLabel(alert.msgType(), it).ifPresent(k -> caption.append(k).append(": "));
        caption.append(AlertWording.title(info));
        String areas = AlertWording.areas(info);
        if (!areas.isEmpty()) {
            caption.append(" – ").append(areas);
        }
        if (info.instruction() != null && !info.instruction().isBlank()) {
            caption.append("\n\n").append(info.instruction().strip());
        }
        List<String> tags = new ArrayList<>(target.channels().get(ChannelName.SHORTVIDEO).hashtags());
        String tail = tags.isEmpty() ? "" : "\n\n" + String.join(" ", tags);
        int room = MAX_LENGTH - tail.length();
        String body = caption.length() <= room ? caption.toString() : caption.substring(0, room - 1) + "…";
        return List.of(body + tail);
    }
}
