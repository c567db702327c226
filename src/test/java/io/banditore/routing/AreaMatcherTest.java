package io.banditore.routing;

import static io.banditore.routing.RoutingFixtures.GAZETTEER;
import static io.banditore.routing.RoutingFixtures.alert;
import static io.banditore.routing.RoutingFixtures.geocodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.banditore.directory.ChannelAccount;
import io.banditore.directory.Target;
import io.banditore.directory.TargetChange;
import io.banditore.directory.TargetDirectory;

/** Which towns of the test directory an alert's areas reach, with the real gazetteer of the 7,904 comuni. */
class AreaMatcherTest {

    private final TargetDirectory directory = RoutingFixtures.directory("test.yaml");
    private final AreaMatcher matcher = new AreaMatcher(directory, GAZETTEER);

    private List<String> reached(io.banditore.alert.Alert alert) {
        return matcher.targetsOf(alert).stream().map(Target::id).toList();
    }

    @Test
    void theGazetteerNestsComuniInProvincesAndRegions() {
        assertThat(GAZETTEER.all()).hasSize(7904);
        assertThat(GAZETTEER.comune("001082")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Chivasso");
            assertThat(c.provinceCode()).isEqualTo("001");
            assertThat(c.regionCode()).isEqualTo("01");
        });
        assertThat(GAZETTEER.withAncestors("001082")).containsExactly("001082", "001", "01");
        assertThat(GAZETTEER.withAncestors("032")).containsExactly("032", "06");
        assertThat(GAZETTEER.withAncestors("06")).containsExactly("06");
        assertThat(GAZETTEER.withAncestors("1")).isEmpty();
    }

    @Test
    void aComuneCodeReachesThatTownOnly() {
        assertThat(reached(geocodes("001082"))).containsExactly("chivasso");
        assertThat(reached(geocodes("032006"))).containsExactly("trieste");
        assertThat(reached(geocodes("001156"))).isEmpty(); // Moncalieri is in the province but not in the directory
    }

    @Test
    void aProvinceCodeReachesEveryConfiguredTownOfTheProvince() {
        List<String> inTorinoProvince = directory.all().stream()
                .filter(t -> GAZETTEER.comune(t.istat()).map(c -> c.provinceCode().equals("001")).orElse(false))
                .map(Target::id).toList();
        assertThat(inTorinoProvince).containsExactly("chivasso", "torino", "ivrea", "pinerolo");
        assertThat(reached(geocodes("001"))).containsExactlyElementsOf(inTorinoProvince);
        assertThat(reached(geocodes("032"))).containsExactly("trieste");
        assertThat(reached(geocodes("002"))).isEmpty(); // Vercelli
    }

    @Test
    void aRegionCodeReachesEveryConfiguredTownOfTheRegion() {
        assertThat(reached(geocodes("01"))).containsExactly("chivasso", "torino", "ivrea", "pinerolo");
        assertThat(reached(geocodes("06"))).containsExactly("trieste");
        assertThat(reached(geocodes("01", "06"))).containsExactly("chivasso", "trieste", "torino", "ivrea", "pinerolo");
        assertThat(reached(geocodes("20"))).isEmpty();
    }

    @Test
    void codesThatAreNoIstatUnitReachNobody() {
        assertThat(reached(geocodes("1", "0010820", "999"))).isEmpty();
        assertThat(reached(alert(List.of(), List.of(), List.of()))).isEmpty();
    }

    @Test
    void anAccountOfAProvinceOrRegionGetsWhatTouchesItsArea() {
        directory.apply(new TargetChange("c1", "prefettura-to", new Target("prefettura-to", "Prefettura di Torino", null, "001", null,
                null, true, Map.of("telegram", new ChannelAccount("@prefettura_torino", null, null, null, "prefettura"))), "admin", Instant.now()));
        directory.apply(new TargetChange("c2", "regione-fvg", new Target("regione-fvg", "Regione FVG", null, "06", null,
                null, true, Map.of("telegram", new ChannelAccount("@regione_fvg", null, null, null, "fvg"))), "admin", Instant.now()));

        assertThat(reached(geocodes("001082"))).containsExactly("chivasso", "prefettura-to");
        assertThat(reached(geocodes("001"))).contains("prefettura-to").doesNotContain("regione-fvg");
        assertThat(reached(geocodes("01"))).contains("prefettura-to");
        assertThat(reached(geocodes("032006"))).containsExactly("trieste", "regione-fvg");
        assertThat(reached(geocodes("002"))).isEmpty();
    }

    @Test
    void aPolygonReachesTheTownsWhoseCoordinatesLieInside() {
        // A square around Torino (45.07 N, 7.69 E), points as CAP writes them: "lat,lon", the first repeated last.
        String aroundTorino = "45.0,7.6 45.0,7.8 45.15,7.8 45.15,7.6 45.0,7.6";
        assertThat(reached(alert(List.of(), List.of(aroundTorino), List.of()))).containsExactly("torino");
        // The same square with longitude first (a common slip) lies in the Gulf of Guinea: it reaches nobody.
        String swapped = "7.6,45.0 7.8,45.0 7.8,45.15 7.6,45.15 7.6,45.0";
        assertThat(reached(alert(List.of(), List.of(swapped), List.of()))).isEmpty();
        // A triangle over Ivrea and Torino but not Pinerolo; Chivasso, without coordinates, is reached by geocodes only.
        String triangle = "45.6,7.9 44.95,7.95 45.05,7.5 45.6,7.9";
        assertThat(reached(alert(List.of(), List.of(triangle), List.of()))).containsExactly("torino", "ivrea");
    }

    @Test
    void aPointOnThePolygonsEdgeIsInside() {
        String edgeThroughIvrea = "45.4673,7.8 45.4673,7.9 45.6,7.9 45.6,7.8 45.4673,7.8";
        assertThat(reached(alert(List.of(), List.of(edgeThroughIvrea), List.of()))).containsExactly("ivrea");
    }

    @Test
    void aCircleReachesTheTownsWithinItsRadius() {
        // From Torino: Pinerolo lies about 35 km away, Ivrea about 47 km.
        assertThat(reached(alert(List.of(), List.of(), List.of("45.0703,7.6869 5")))).containsExactly("torino");
        assertThat(reached(alert(List.of(), List.of(), List.of("45.0703,7.6869 40")))).containsExactly("torino", "pinerolo");
        assertThat(reached(alert(List.of(), List.of(), List.of("45.0703,7.6869 50")))).containsExactly("torino", "ivrea", "pinerolo");
        assertThat(reached(alert(List.of(), List.of(), List.of("41.9,12.5 100")))).isEmpty(); // Rome
    }

    @Test
    void geocodesAndShapesAddUp() {
        assertThat(reached(alert(List.of("032006"), List.of(), List.of("45.4673,7.8760 1")))).containsExactly("trieste", "ivrea");
    }

    @Test
    void aShapeThatIsNotCapIsIgnoredNotGuessed() {
        assertThat(AreaMatcher.polygon("45.0,7.6 45.0,7.8")).isEmpty();
        assertThat(AreaMatcher.polygon("45.0;7.6 45.0,7.8 45.1,7.8 45.0;7.6")).isEmpty();
        assertThat(AreaMatcher.circle("45.0703,7.6869")).isEmpty();
        assertThat(AreaMatcher.circle("45.0703,7.6869 -3")).isEmpty();
        assertThat(AreaMatcher.circle("95,7.6869 3")).isEmpty();
        assertThat(AreaMatcher.polygon("45.0,7.6 45.0,7.8 45.15,7.8")).hasValueSatisfying(ring -> assertThat(ring).hasSize(4));
    }
}
