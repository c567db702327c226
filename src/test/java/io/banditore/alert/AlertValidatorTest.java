package io.banditore.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CAP's rules on times and polygons, as the validator applies them to one alert. */
class AlertValidatorTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 24, 8, 0, 0, 0, ZoneOffset.ofHours(1));
    private final AlertValidator validator = new AlertValidator(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void aReportOfAQuakeThatHappenedMayHaveOnsetAndEffectiveBeforeSent() {
        Alert report = alert(NOW, info(NOW.minusMinutes(12), NOW.minusMinutes(12), NOW.plusHours(6), List.of()));
        assertThatCode(() -> validator.validate(report)).doesNotThrowAnyException();
        Alert floodUnderWay = alert(NOW, info(NOW.minusDays(2), NOW.minusDays(3), NOW.plusHours(6), List.of()));
        assertThatCode(() -> validator.validate(floodUnderWay)).doesNotThrowAnyException();
    }

    @Test
    void expiresMustFollowSentEffectiveOnsetAndNow() {
        // Effective given and expiring before sent: was accepted, as only effective was compared.
        assertThat(violations(alert(NOW.minusHours(1), info(NOW.minusHours(3), null, NOW.minusMinutes(90), List.of()))))
                .contains("/info/0/expires must be after sent (" + NOW.minusHours(1) + ")")
                .anyMatch(v -> v.contains("already past"));
        assertThat(violations(alert(NOW, info(NOW.plusHours(8), null, NOW.plusHours(7), List.of()))))
                .containsExactly("/info/0/expires must be after effective (" + NOW.plusHours(8) + ")");
        assertThat(violations(alert(NOW, info(null, NOW.plusHours(8), NOW.plusHours(7), List.of()))))
                .containsExactly("/info/0/expires must be after onset (" + NOW.plusHours(8) + ")");
    }

    @Test
    void sentInTheFutureIsToleratedOnlyWithinTheClockTolerance() {
        assertThatCode(() -> validator.validate(alert(NOW.plusMinutes(4), info(null, null, NOW.plusHours(6), List.of()))))
                .doesNotThrowAnyException();
        assertThat(violations(alert(NOW.plusMinutes(6), info(null, null, NOW.plusHours(6), List.of()))))
                .singleElement().asString().startsWith("/sent is in the future");
    }

    @Test
    void aBowTieAroundIvreaIsRefusedSayingWhereItCrossesItself() {
        String bowTie = "45.50,7.84 45.50,7.92 45.43,7.84 45.43,7.92 45.50,7.84";
        assertThat(violations(alert(NOW, info(null, null, NOW.plusHours(6), List.of(bowTie)))))
                .singleElement().asString()
                .startsWith("/info/0/area/0/polygon/0 is not a simple ring: self-intersection at 45.46");
    }

    @Test
    void degenerateUnclosedAndRepeatedVertexPolygonsAreRefusedWithTheReason() {
        assertThat(violations(alert(NOW, info(null, null, NOW.plusHours(6),
                List.of("45.50,7.84 45.50,7.92 45.43,7.84", "45.50,7.84 45.50,7.92 45.43,7.92 45.43,7.84",
                        "45.50,7.84 45.50,7.92 45.50,7.92 45.43,7.92 45.50,7.84", "45.50,7.84 45.50,7.92 45.50,7.84 45.50,7.84",
                        "45.50,7.84 45.50,7.92 45.43,7.92 45.43,7.84 45.50,7.84")))))
                .containsExactly(
                        "/info/0/area/0/polygon/0 needs at least 4 points (the first repeated as the last); it has 3",
                        "/info/0/area/0/polygon/1 must end where it starts (45.50,7.84)",
                        "/info/0/area/0/polygon/2 repeats the vertex 45.50,7.92 at positions 1 and 2: each vertex once, the first repeated only as the last",
                        "/info/0/area/0/polygon/3 repeats the vertex 45.50,7.84 at positions 2 and 3: each vertex once, the first repeated only as the last");
    }

    @Test
    void aCollapsedRingIsNotSimple() {
        // Out and back along one line: four points, closed, no vertex repeated in a row, and no area.
        assertThat(violations(alert(NOW, info(null, null, NOW.plusHours(6), List.of("45.50,7.84 45.50,7.92 45.50,7.88 45.50,7.84")))))
                .singleElement().asString().startsWith("/info/0/area/0/polygon/0 is not a simple ring");
    }

    private List<String> violations(Alert alert) {
        InvalidAlertException e = catchThrowableOfType(InvalidAlertException.class, () -> validator.validate(alert));
        assertThat(e).as("the alert is refused").isNotNull();
        return e.violations().stream().map(v -> v.pointer() + " " + v.detail()).toList();
    }

    private static Alert alert(OffsetDateTime sent, Info info) {
        return new Alert("IT-1", "protezionecivile@prefettura.torino.it", sent, CapStatus.Actual, MsgType.Alert, null, Scope.Public, null,
                null, null, null, null, null, List.of(info));
    }

    private static Info info(OffsetDateTime effective, OffsetDateTime onset, OffsetDateTime expires, List<String> polygons) {
        Area area = new Area("Ivrea", polygons, null, List.of(new NamedValue("ISTAT", "001125")), null, null);
        return new Info("it-IT", List.of("Geo"), "Terremoto", null, Urgency.Past, Severity.Moderate, Certainty.Observed, null, null,
                effective, onset, expires, null, "Terremoto", null, null, null, null, null, null, List.of(area));
    }
}
