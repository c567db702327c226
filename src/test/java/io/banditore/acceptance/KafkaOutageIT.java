package io.banditore.acceptance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.InjectBrokerStop;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With Kafka gone, the service says it is not ready and refuses alerts at once rather than pretend to accept them. */
@QuarkusTest
// A broker of its own (the init arg makes it a separate resource): this test stops it.
@WithTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = "purpose", value = "outage"))
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class KafkaOutageIT {

    @InjectBrokerStop
    Runnable stopBroker;

    @Test
    void readinessFailsAndPostsAreRefusedWhileKafkaIsUnreachable() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        stopBroker.run();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Kafka connection health check' }.status", is("DOWN")));
        Api.post(AlertFixtures.json("chivasso-rain-actual.json"), "mario.rossi").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", is("5"))
                .body("detail", containsString("Post it again"));
    }
}
