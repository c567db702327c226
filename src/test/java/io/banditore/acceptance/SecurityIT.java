package io.banditore.acceptance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.banditore.support.AlertFixtures;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every write is authenticated, and each role does only what it is for. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class SecurityIT {

    @Test
    void noTokenIsUnauthorised() {
        given().contentType(ContentType.JSON).body(AlertFixtures.json("chivasso-rain-actual.json"))
                .when().post("/api/v1/alerts").then().statusCode(401);
        given().when().get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorised() {
        String foreign = "Bearer " + io.smallrye.jwt.build.Jwt.issuer("https://elsewhere.example").upn("eve")
                .groups("operator").sign();
        given().header("Authorization", foreign).contentType(ContentType.JSON).body(AlertFixtures.json("chivasso-rain-actual.json"))
                .when().post("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aViewerCannotPostAndAnOperatorCannotApprove() {
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).contentType(ContentType.JSON)
                .body(AlertFixtures.json("chivasso-rain-actual.json"))
                .when().post("/api/v1/alerts").then().statusCode(403);

        String location = given().header("Authorization", Tokens.of("mario.rossi", "operator")).contentType(ContentType.JSON)
                .body(AlertFixtures.json("chivasso-rain-actual.json"))
                .when().post("/api/v1/alerts").then().statusCode(202).extract().header("Location");
        given().header("Authorization", Tokens.of("paolo.neri", "operator")).when().post(location + "/approve")
                .then().statusCode(403);
        given().header("Authorization", Tokens.of("paolo.neri", "viewer")).when().get(location)
                .then().statusCode(200).body("state", is("pending-approval"));
    }

    @Test
    void anUnknownAlertIsAProblemNotAStackTrace() {
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).when().get("/api/v1/alerts/no-such-alert")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("does not exist"));
        given().header("Authorization", Tokens.of("giulia.bianchi", "approver")).when().post("/api/v1/alerts/no-such-alert/approve")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator", "approver", "admin" })
    void everyRoleReadsWhatAViewerReadsAndIsShownOnlyTheRoleItWasGranted(String role) {
        String token = Tokens.of("anna.gialli", role);
        for (String path : new String[] { "/api/v1/alerts", "/api/v1/deliveries", "/api/v1/targets", "/api/v1/places?q=torino" }) {
            given().header("Authorization", token).when().get(path).then().statusCode(200);
        }
        given().header("Authorization", token).when().get("/api/v1/session").then().statusCode(200).body("roles", contains(role));
    }

    @Test
    void aProvidersRoleMappedToOperatorReadsToo() {
        // %test.quarkus.http.auth.roles-mapping.duty-officer=operator: the mapping is applied before viewer is implied.
        String token = Tokens.of("anna.gialli", "duty-officer");
        given().header("Authorization", token).when().get("/api/v1/alerts").then().statusCode(200);
        given().header("Authorization", token).when().get("/api/v1/session").then().statusCode(200).body("roles", contains("operator"));
    }

    @Test
    void aTokenWithoutABanditoreRoleReadsNothing() {
        String token = Tokens.of("eve", "staff");
        given().header("Authorization", token).when().get("/api/v1/alerts").then().statusCode(403);
        given().header("Authorization", token).when().get("/api/v1/deliveries").then().statusCode(403);
        given().header("Authorization", token).when().get("/api/v1/session").then().statusCode(200).body("roles", org.hamcrest.Matchers.empty());
    }
}
