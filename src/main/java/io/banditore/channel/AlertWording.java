package io.banditore.channel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Area;
import io.banditore.alert.CapStatus;
import io.banditore.alert.Info;
import io.banditore.alert.MsgType;
import io.banditore.directory.Target;
import io.banditore.routing.AreaMatcher;

/**
 * What an alert says to one town, for every channel: which of its info blocks the town gets, and each one's words
 * (a {@link Wording}). A town gets the blocks whose areas cover it, by the router's own matching (all of them when
 * no block has areas; a Cancel goes where its alert went, so all of its blocks), in its languages (or the first
 * block when none is in them), never one that has expired. A Cancel without info is written from the alerts it
 * withdraws; a town an Update no longer covers is told so.
 */
@ApplicationScoped
public class AlertWording {

    private static final ZoneId ITALY = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d/M/yyyy HH:mm", Locale.ITALIAN);

    private final AreaMatcher areas;

    public AlertWording(AreaMatcher areas) {
        this.areas = areas;
    }

    /** The messages of this rendering, one per info block (or withdrawal), in the alert's order. */
    public List<Wording> wordings(RenderRequest request) {
        Alert alert = request.alert();
        Target target = request.target();
        if (alert.msgType() == MsgType.Cancel && alert.info().isEmpty()) {
            return withdrawals(alert, request.referenced(), target, false);
        }
        if (request.droppedFromArea()) {
            List<Info> own = inLanguages(live(alert.info(), request.now()), target);
            return own.isEmpty() ? withdrawals(alert, request.referenced(), target, true)
                    : own.stream().map(i -> withdrawal(alert, alert, i, target, true)).toList();
        }
        return inLanguages(live(covering(alert, target), request.now()), target).stream().map(i -> wording(alert, i)).toList();
    }

    private List<Info> covering(Alert alert, Target target) {
        boolean anyAreas = alert.info().stream().anyMatch(i -> !i.area().isEmpty());
        if (alert.msgType() == MsgType.Cancel || !anyAreas) {
            return alert.info();
        }
        List<Info> covering = alert.info().stream().filter(i -> !i.area().isEmpty() && areas.covers(alert.identifier(), i, target)).toList();
        // A block without areas speaks for the alert's whole area: it goes wherever a block with areas does.
        return covering.isEmpty() ? covering : alert.info().stream().filter(i -> i.area().isEmpty() || covering.contains(i)).toList();
    }

    private static List<Info> live(List<Info> infos, Instant now) {
        return infos.stream().filter(i -> i.expires() == null || i.expires().toInstant().isAfter(now)).toList();
    }

    private static List<Info> inLanguages(List<Info> infos, Target target) {
        List<Info> wanted = infos.stream()
                .filter(i -> target.languages().stream().anyMatch(l -> lower(i.languageOrDefault()).startsWith(lower(l))))
                .toList();
        return wanted.isEmpty() && !infos.isEmpty() ? List.of(infos.get(0)) : wanted;
    }

    private List<Wording> withdrawals(Alert alert, List<Alert> referenced, Target target, boolean dropped) {
        List<Wording> out = new ArrayList<>();
        for (Alert original : referenced) {
            for (Info info : inLanguages(covering(original, target), target)) {
                out.add(withdrawal(alert, original, info, target, dropped));
            }
        }
        return out;
    }

    /** A withdrawal: the kind, the headline of the block it speaks of, what it means for the town, who says so. */
    private static Wording withdrawal(Alert alert, Alert about, Info info, Target target, boolean dropped) {
        boolean it = italian(info);
        String notice = !dropped ? null
                : it ? "l'allerta non riguarda più " + target.name() : "this alert no longer concerns " + target.name();
        // Only the alert's own blocks expire with it; a Cancel's words about another alert are due until they are said.
        Instant expires = about == alert && info.expires() != null ? info.expires().toInstant() : null;
        return new Wording(info.languageOrDefault(), it, practiceLabel(alert.status(), it), shortPracticeLabel(alert.status(), it),
                alert.msgType(), kindLabel(alert.msgType(), it), true, Level.withdrawal(it), title(info), "", notice, "", "",
                expires, null, "", senderOf(about, info));
    }

    private static Wording wording(Alert alert, Info info) {
        boolean it = italian(info);
        return new Wording(info.languageOrDefault(), it, practiceLabel(alert.status(), it), shortPracticeLabel(alert.status(), it),
                alert.msgType(), kindLabel(alert.msgType(), it), false, Level.of(info, it), title(info), areas(info), null,
                strip(info.description()), strip(info.instruction()), info.expires() == null ? null : info.expires().toInstant(),
                info.expires() == null ? null : when(info.expires()), strip(info.web()), senderOf(alert, info));
    }

    public static boolean italian(Info info) {
        return lower(info.languageOrDefault()).startsWith("it");
    }

    /** The label a Test or Exercise always carries, so that it can never be taken for a real alert. */
    public static String practiceLabel(CapStatus status, boolean italian) {
        return switch (status) {
            case Test -> italian ? "MESSAGGIO DI TEST – non è un'allerta reale" : "TEST MESSAGE – not a real alert";
            case Exercise -> italian ? "ESERCITAZIONE – non è un'allerta reale" : "EXERCISE – not a real alert";
            default -> null;
        };
    }

    private static String shortPracticeLabel(CapStatus status, boolean italian) {
        return switch (status) {
            case Test -> "TEST";
            case Exercise -> italian ? "ESERCITAZIONE" : "EXERCISE";
            default -> null;
        };
    }

    /** REVOCA / AGGIORNAMENTO (CANCELLED / UPDATE) for a Cancel or Update, or null. */
    public static String kindLabel(MsgType msgType, boolean italian) {
        return switch (msgType) {
            case Update -> italian ? "AGGIORNAMENTO" : "UPDATE";
            case Cancel -> italian ? "REVOCA" : "CANCELLED";
            default -> null;
        };
    }

    private static String title(Info info) {
        return info.headline() != null && !info.headline().isBlank() ? info.headline().strip() : strip(info.event());
    }

    private static String areas(Info info) {
        return info.area().stream().map(Area::areaDesc).filter(d -> d != null && !d.isBlank()).map(String::strip)
                .collect(Collectors.joining(", "));
    }

    private static String when(OffsetDateTime time) {
        return WHEN.format(time.atZoneSameInstant(ITALY));
    }

    private static String senderOf(Alert alert, Info info) {
        return info.senderName() != null && !info.senderName().isBlank() ? info.senderName().strip() : alert.sender();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
