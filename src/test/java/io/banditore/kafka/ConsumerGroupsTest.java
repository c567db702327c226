package io.banditore.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The service is not ready until each of its enabled consumers has been given its partitions. */
class ConsumerGroupsTest {

    private static ConsumerGroups of(Map<String, String> properties) {
        return new ConsumerGroups(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build());
    }

    @Test
    void readyOnlyOnceEveryEnabledConsumerHasJoinedItsGroup() {
        ConsumerGroups groups = of(Map.of(
                "mp.messaging.incoming.alerts-in.group.id", "banditore-router",
                "mp.messaging.incoming.dispatch-x-in.group.id", "banditore-dispatch-x",
                "mp.messaging.incoming.dispatch-x-in.enabled", "true",
                // A role this process does not play: nothing to wait for.
                "mp.messaging.incoming.dispatch-telegram-in.group.id", "banditore-dispatch-telegram",
                "mp.messaging.incoming.dispatch-telegram-in.enabled", "false",
                "mp.messaging.outgoing.routing-out.topic", "routing.v1"));

        HealthCheckResponse before = groups.call();
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("alerts-in", "joining banditore-router").containsEntry("dispatch-x-in", "joining banditore-dispatch-x")
                .doesNotContainKey("dispatch-telegram-in"));

        groups.assigned("banditore-router");
        assertThat(groups.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        groups.assigned("banditore-dispatch-x");
        HealthCheckResponse after = groups.call();
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(after.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("alerts-in", "assigned"));
    }

    @Test
    void aConsumerWhoseChannelDeclaresItsGroupIsWaitedForToo() {
        // A channel's dispatch consumer: its group comes from the channel's own configuration bean, not the properties.
        ConsumerGroups groups = new ConsumerGroups(
                new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                        "mp.messaging.incoming.dispatch-pigeon-in.connector", "smallrye-kafka",
                        "mp.messaging.incoming.dispatch-owl-in.connector", "smallrye-kafka",
                        "mp.messaging.incoming.dispatch-owl-in.enabled", "false"), "test", 100)).build(),
                channel -> Map.of("group.id", "banditore-" + channel));

        HealthCheckResponse before = groups.call();
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("dispatch-pigeon-in", "joining banditore-dispatch-pigeon-in").doesNotContainKey("dispatch-owl-in"));

        groups.assigned("banditore-dispatch-pigeon-in");
        assertThat(groups.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
