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

    /**
     * How long a delivery may take here: the tests share one service, and its TikTok accounts take 6 posts a minute
     * (TikTok's limit, kept by the service), so a short video may rightly wait most of a minute for its turn.
     */
    private static final Duration SETTLING = Duration.ofSeconds(75);

    public static Response post(String alertJson, String user) {
        return given().header("Authorization", Tokens.of(user, "operator")).contentType(ContentType.JSON).body(alertJson)
                .when().post("/api/v1/alerts");
    }

    /**
     * Posts the fixture alert as an Exercise (no approval needed; only towns that take tests get it) for the given
     * ISTAT codes, after {@code edit} (the alert's JSON; info/0 is its Italian block), and returns its Location.
     */
    public static String postExercise(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit, String... istat) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var alert = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            alert.put("status", "Exercise");
            var geocode = ((com.fasterxml.jackson.databind.node.ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode");
            for (String code : istat) {
                geocode.addObject().put("valueName", "ISTAT").put("value", code);
            }
            edit.accept(alert);
            Response posted = post(alert.toString(), "mario.rossi");
            posted.then().statusCode(202);
            return posted.header("Location");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Posts an Exercise Cancel of {@code original} (as posted by postExercise) for these ISTAT codes, after {@code edit}. */
    public static String postCancel(com.fasterxml.jackson.databind.node.ObjectNode original,
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit, String... istat) {
        return postExercise(a -> {
            a.put("msgType", "Cancel");
            a.put("references", original.path("sender").asText() + "," + original.path("identifier").asText() + ","
                    + original.path("sent").asText());
            edit.accept(a);
        }, istat);
    }

    /** The delivery of one channel and town, once it satisfies the condition. */
    public static Map<String, Object> awaitDelivery(String location, String channel, String target, Predicate<Map<String, Object>> condition) {
        return await().atMost(SETTLING).until(() -> deliveries(location).stream()
                .filter(d -> channel.equals(d.get("channel")) && target.equals(d.get("target"))).findFirst().orElse(null),
                d -> d != null && condition.test(d));
    }

    public static Map<String, Object> awaitSettled(String location, String channel, String target) {
        return awaitDelivery(location, channel, target, d -> List.of("SENT", "FAILED", "SKIPPED").contains(d.get("status")));
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
        return await().atMost(SETTLING).until(() -> deliveries(location), condition::test);
    }

    public static boolean allSettled(List<Map<String, Object>> deliveries) {
        return deliveries.stream().allMatch(d -> List.of("SENT", "FAILED", "SKIPPED").contains(d.get("status")));
    }

    private Api() {
    }
}
