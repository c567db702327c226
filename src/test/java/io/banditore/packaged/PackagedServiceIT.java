package io.banditore.packaged;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.banditore.support.AlertFixtures;
import io.banditore.support.PackagedServiceResource;
import io.banditore.support.Providers;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged jar (target/quarkus-app) as it is shipped, started by Quarkus with the test profile: an approved
 * alert reaches each of its town's providers once, and bad input gets problem+json, not a stack trace.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceResource.class)
class PackagedServiceIT {

    @Test
    void anApprovedAlertReachesEachProviderOfItsTownOnce() {
        Providers.answerAsProvidersDo();
        String location = given().header("Authorization", Tokens.of("mario.rossi", "operator"))
                .contentType(ContentType.JSON).body(AlertFixtures.json("chivasso-rain-actual.json", "IT-TO-2026-packaged"))
                .when().post("/api/v1/alerts")
                .then().statusCode(202).body("state", is("pending-approval")).extract().header("Location");
        Providers.telegram().verifyThat(0, postRequestedFor(urlPathMatching("/bot.*")));

        given().header("Authorization", Tokens.of("giulia.bianchi", "approver"))
                .when().post(location + "/approve")
                .then().statusCode(200).body("state", is("active"));

        List<Map<String, Object>> deliveries = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).get(location + "/deliveries")
                        .then().statusCode(200).extract().jsonPath().getList("$"),
                list -> list.size() == 3 && list.stream().allMatch(d -> "SENT".equals(d.get("status"))));
        assertThat(deliveries).extracting(d -> d.get("channel"))
                .containsExactly("shortvideo", "telegram", "x");
        Providers.telegram().verifyThat(1, postRequestedFor(urlEqualTo("/bot123:test-chivasso/sendMessage")));
        Providers.tiktok().verifyThat(1, postRequestedFor(urlEqualTo("/v2/post/publish/video/init/")));
    }

    @Test
    void aBodyThatIsNotAnAlertGetsProblemJsonWithoutAStackTrace() {
        given().header("Authorization", Tokens.of("mario.rossi", "operator"))
                .contentType(ContentType.JSON).body("{\"identifier\": [1, 2]")
                .when().post("/api/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("at io.banditore"))).body(not(containsString("Exception")));
    }
}
