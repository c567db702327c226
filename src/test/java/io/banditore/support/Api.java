package io.banditore.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The calls an operator, an approver and an on-call viewer make, as the tests make them. */
public final class Api {

    public static Response post(String alertJson, String user) {
        return given().header("Authorization", Tokens.of(user, "operator")).contentType(ContentType.JSON).body(alertJson)
                .when().post("/api/v1/alerts");
    }

    public static Response approve(String location, String approver) {
        return given().header("Authorization", Tokens.of(approver, "approver")).when().post(location + "/approve");
    }

    public static List<Map<String, Object>> deliveries(String location) {
        return given().header("Authorization", Tokens.of("oncall", "viewer")).get(location + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits until the alert's deliveries satisfy the condition, and returns them. */
    public static List<Map<String, Object>> awaitDeliveries(String location, Predicate<List<Map<String, Object>>> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(location), condition::test);
    }

    public static boolean allSettled(List<Map<String, Object>> deliveries) {
        return deliveries.stream().allMatch(d -> List.of("SENT", "FAILED", "SKIPPED").contains(d.get("status")));
    }

    private Api() {
    }
}
