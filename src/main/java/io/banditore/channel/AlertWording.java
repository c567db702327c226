package io.banditore.channel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.banditore.alert.Alert;
import io.banditore.alert.Area;
import io.banditore.alert.CapStatus;
import io.banditore.alert.Info;
import io.banditore.alert.MsgType;
import io.banditore.routing.Target;

/** The words every channel shares: labels for tests and exercises, updates and cancels, severity, times, in Italian or English. */
public final class AlertWording {

    private static final ZoneId ITALY = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d/M/yyyy HH:mm", Locale.ITALIAN);

    private AlertWording() {
    }

    /** The info blocks to publish for a target: those in the target's languages, or the first one. */
    public static List<Info> infosFor(Alert alert, Target target) {
        List<Info> wanted = alert.info().stream()
                .filter(i -> target.languages().stream().anyMatch(l -> i.languageOrDefault().toLowerCase(Locale.ROOT).startsWith(l.toLowerCase(Locale.ROOT))))
                .toList();
        return wanted.isEmpty() && !alert.info().isEmpty() ? List.of(alert.info().get(0)) : wanted;
    }

    /** The earliest expiry among these info blocks, or null when none of them expires. */
    public static Instant earliestExpiry(List<Info> infos) {
        return infos.stream().map(Info::expires).filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant)
                .min(Instant::compareTo).orElse(null);
    }

    public static boolean italian(Info info) {
        return info.languageOrDefault().toLowerCase(Locale.ROOT).startsWith("it");
    }

    /** The label a Test or Exercise always carries, so that it can never be taken for a real alert. */
    public static Optional<String> practiceLabel(CapStatus status, boolean italian) {
        return switch (status) {
            case Test -> Optional.of(italian ? "MESSAGGIO DI TEST – non è un'allerta reale" : "TEST MESSAGE – not a real alert");
            case Exercise -> Optional.of(italian ? "ESERCITAZIONE – non è un'allerta reale" : "EXERCISE – not a real alert");
            default -> Optional.empty();
        };
    }

    public static Optional<String> kindLabel(MsgType msgType, boolean italian) {
        return switch (msgType) {
            case Update -> Optional.of(italian ? "AGGIORNAMENTO" : "UPDATE");
            case Cancel -> Optional.of(italian ? "REVOCA" : "CANCELLED");
            default -> Optional.empty();
        };
    }

    /** A colour marker: the Italian criticality colour when the alert carries one, otherwise CAP's severity. */
    public static String marker(Info info) {
        Optional<String> colour = info.parameterValue("colore").or(() -> info.parameterValue("colour"));
        if (colour.isPresent()) {
            switch (colour.get().toLowerCase(Locale.ROOT)) {
                case "rossa", "rosso", "red": return "🔴";
                case "arancione", "orange": return "🟠";
                case "gialla", "giallo", "yellow": return "🟡";
                case "verde", "green": return "🟢";
                default: break;
            }
        }
        if (info.severity() == null) {
            return "⚠️";
        }
        return switch (info.severity()) {
            case Extreme -> "🔴";
            case Severe -> "🟠";
            case Moderate -> "🟡";
            case Minor -> "🟢";
            case Unknown -> "⚠️";
        };
    }

    public static String title(Info info) {
        return info.headline() != null && !info.headline().isBlank() ? info.headline() : info.event();
    }

    public static String areas(Info info) {
        return info.area().stream().map(Area::areaDesc).filter(d -> d != null && !d.isBlank()).collect(Collectors.joining(", "));
    }

    public static String when(OffsetDateTime time) {
        return WHEN.format(time.atZoneSameInstant(ITALY));
    }

    public static String senderOf(Alert alert, Info info) {
        return info.senderName() != null && !info.senderName().isBlank() ? info.senderName() : alert.sender();
    }
}
