package io.banditore.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertIds;
import io.banditore.support.AlertFixtures;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The decider takes the commands of one poll in one transaction: each command is decided against what the ones
 * before it in the batch decided, though none of it is committed (nor in the registry) yet.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class BatchDecisionsTest {

    @Inject
    Decisions decisions;
    @Inject
    ObjectMapper mapper;

    @Test
    void anUpdateInTheSameBatchAsWhatItReferencesFindsItAndSupersedesIt() throws Exception {
        ObjectNode original = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", "IT-" + UUID.randomUUID()));
        ObjectNode update = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", "IT-" + UUID.randomUUID()));
        update.put("msgType", "Update").put("references",
                original.path("sender").asText() + "," + original.path("identifier").asText() + "," + original.path("sent").asText());
        // An Exercise is published without approval, so the first command publishes it at once.
        original.put("status", "Exercise");
        update.put("status", "Exercise");
        DecisionCommand first = submit(original);
        DecisionCommand second = submit(update);

        Map<String, AlertEntry> pending = new HashMap<>();
        Decisions.Outcome published = decisions.decide(first, pending);
        assertThat(published.decision().status()).isEqualTo(202);
        published.journal().forEach(entry -> pending.put(entry.id(), entry));

        Decisions.Outcome updated = decisions.decide(second, pending);
        assertThat(updated.decision().status()).as("%s", updated.decision().detail()).isEqualTo(202);
        assertThat(updated.journal()).extracting(AlertEntry::id).contains(first.alertId());
        assertThat(updated.journal()).filteredOn(entry -> entry.id().equals(first.alertId())).singleElement()
                .satisfies(entry -> assertThat(entry.state()).isEqualTo(AlertState.UPDATED));

        // Decided alone, against the registry (which has not got the first), the same Update refers to nothing known.
        assertThat(decisions.decide(second).decision().status()).isEqualTo(422);
    }

    @Test
    void theSameAlertTwiceInOneBatchIsAcceptedOnce() throws Exception {
        ObjectNode alert = (ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json", "IT-" + UUID.randomUUID()));
        ObjectNode other = alert.deepCopy();
        ((ObjectNode) other.path("info").get(0)).put("headline", "Altro testo");
        Map<String, AlertEntry> pending = new HashMap<>();
        Decisions.Outcome accepted = decisions.decide(submit(alert), pending);
        accepted.journal().forEach(entry -> pending.put(entry.id(), entry));

        assertThat(accepted.decision().status()).isEqualTo(202);
        assertThat(decisions.decide(submit(alert), pending).journal()).as("the same post again writes nothing").isEmpty();
        assertThat(decisions.decide(submit(other), pending).decision().status()).as("other content, same identifier").isEqualTo(409);
    }

    private DecisionCommand submit(ObjectNode json) throws Exception {
        Alert alert = mapper.treeToValue(json, Alert.class);
        return new DecisionCommand(UUID.randomUUID().toString(), DecisionCommand.Kind.SUBMIT, AlertIds.of(alert.sender(), alert.identifier()), alert,
                "mario.rossi", null, Instant.now());
    }
}
