package io.banditore.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gazetteer as the console searches it: by name or ISTAT code, each place with the towns a geocode of it reaches. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class PlaceResourceIT {

    @Test
    void aNameFindsTheProvinceBeforeTheComuneAndEachSaysWhomItReaches() {
        List<Map<String, Object>> places = search("torino");
        assertThat(places.get(0)).containsEntry("kind", "province").containsEntry("code", "001").containsEntry("name", "Torino")
                .containsEntry("within", "Piemonte");
        assertThat((List<String>) places.get(0).get("targets")).containsExactlyInAnyOrder("chivasso", "torino", "ivrea", "pinerolo");
        assertThat(places.get(1)).containsEntry("kind", "comune").containsEntry("code", "001272");
        assertThat((List<String>) places.get(1).get("targets")).containsExactly("torino");
    }

    @Test
    void aCodeOrANameWithoutItsAccentsFindsTheSamePlace() {
        assertThat(search("001082")).singleElement().satisfies(p -> assertThat(p).containsEntry("name", "Chivasso")
                .containsEntry("within", "Torino (TO), Piemonte").containsEntry("targets", List.of("chivasso")));
        assertThat(search("forli")).extracting(p -> p.get("name")).contains("Forlì");
        assertThat(search("valle d'aosta")).first().satisfies(p -> assertThat(p).containsEntry("kind", "region")
                .containsEntry("targets", List.of("aosta")));
        assertThat(search("zzzz")).isEmpty();
    }

    @Test
    void oneCodeReadsAloneAndAnUnknownOneIsNotFound() {
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/places/032").then().statusCode(200)
                .contentType("application/json");
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/places/999").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/places?q=torino").then().statusCode(401);
        given().header("Authorization", Tokens.of("oncall", "viewer")).get("/api/v1/places?q=to&limit=500").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static List<Map<String, Object>> search(String q) {
        return given().header("Authorization", Tokens.of("oncall", "viewer")).queryParam("q", q)
                .get("/api/v1/places").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
