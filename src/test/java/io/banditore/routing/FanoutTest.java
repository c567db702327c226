package io.banditore.routing;

import static io.banditore.routing.RoutingFixtures.GAZETTEER;
import static io.banditore.routing.RoutingFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.delivery.DeliveryLedger;
import io.banditore.delivery.DeliveryState;
import io.banditore.delivery.DeliveryStatus;
import io.banditore.directory.ChannelName;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.support.BuiltInChannels;

/** Whether an alert reaches one town is answered for that town alone, and always as the whole fan-out would answer. */
class FanoutTest {

    private static final String SENDER = "protezionecivile@prefettura.torino.it";

    private final TargetDirectory directory = RoutingFixtures.directory("test.yaml");
    private final DeliveryLedger ledger = new DeliveryLedger(MAPPER, Map.of("bootstrap.servers", "localhost:9"));
    private final Fanout fanout = new Fanout(new AreaMatcher(directory, GAZETTEER), directory, ledger, BuiltInChannels.declared());

    private void assertReachesAsTheFanout(Alert alert) {
        List<String> inFanout = fanout.targets(alert).stream().map(Target::id).toList();
        for (Target town : directory.all()) {
            assertThat(fanout.reaches(alert, town)).as("%s in the fan-out %s", town.id(), inFanout).isEqualTo(inFanout.contains(town.id()));
        }
    }

    @Test
    void aPlainAlertReachesTheTownsItsAreasCoverAndNoOther() {
        Alert province = RoutingFixtures.geocodes("001");
        assertThat(fanout.targets(province)).extracting(Target::id).contains("chivasso", "torino").doesNotContain("trieste", "verona");
        assertReachesAsTheFanout(province);
        assertReachesAsTheFanout(RoutingFixtures.geocodes("001082"));
        assertReachesAsTheFanout(RoutingFixtures.geocodes("05", "06"));
        assertReachesAsTheFanout(RoutingFixtures.geocodes("082053"));
    }

    @Test
    void aCancelOrUpdateReachesWhereTheOriginalWentAndAnUpdateTheTownsItAdds() throws Exception {
        Alert original = RoutingFixtures.geocodes("001");
        String originalId = AlertIds.of(SENDER, original.identifier());
        Instant now = Instant.now();
        record(originalId, original.identifier(), ChannelName.TELEGRAM, "chivasso", DeliveryState.SENT, now);
        record(originalId, original.identifier(), ChannelName.X, "torino", DeliveryState.SENDING, now);
        record(originalId, original.identifier(), ChannelName.TELEGRAM, "ivrea", DeliveryState.SKIPPED, now);

        Alert cancel = following(original, "Cancel", "001");
        assertThat(fanout.targets(cancel)).extracting(Target::id).containsExactlyInAnyOrder("chivasso", "torino");
        assertReachesAsTheFanout(cancel);

        // Narrowed to Chivasso and widened to Trieste: Torino is told it is dropped, Trieste gets it as new.
        Alert update = following(original, "Update", "001082", "032006");
        assertThat(fanout.targets(update)).extracting(Target::id).contains("chivasso", "torino", "trieste").doesNotContain("ivrea");
        assertReachesAsTheFanout(update);
    }

    private void record(String alertId, String identifier, String channel, String town, DeliveryState state, Instant at) {
        DeliveryStatus queued = DeliveryStatus.queued(DeliveryIds.of(alertId, channel, town), alertId, identifier, channel, town, at);
        ledger.apply(state == DeliveryState.SENT ? queued.partSent("m-1", null, at) : queued.next(state, null, at));
    }

    /** A Cancel or Update of {@code original}, with an area of these geocodes. */
    private static Alert following(Alert original, String msgType, String... geocodes) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.valueToTree(RoutingFixtures.geocodes(geocodes));
        json.put("identifier", original.identifier() + "-" + msgType).put("msgType", msgType)
                .put("references", SENDER + "," + original.identifier() + "," + json.path("sent").asText());
        return MAPPER.treeToValue(json, Alert.class);
    }
}
