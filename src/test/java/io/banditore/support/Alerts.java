package io.banditore.support;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.alert.AlertIds;

/** Alerts built for the lifecycle tests: an Exercise for some towns, and the Cancel or Update that follows it. */
public final class Alerts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fixture alert as an Exercise for these ISTAT codes (no approval; only towns that take tests get it). */
    public static ObjectNode exercise(String... istat) {
        try {
            ObjectNode alert = (ObjectNode) MAPPER.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
            alert.put("status", "Exercise");
            area(alert, istat);
            return alert;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Replaces the area of the first info block with these ISTAT codes. */
    public static ObjectNode area(ObjectNode alert, String... istat) {
        ArrayNode geocode = ((ObjectNode) alert.path("info").get(0).path("area").get(0)).putArray("geocode");
        for (String code : istat) {
            geocode.addObject().put("valueName", "ISTAT").put("value", code);
        }
        return alert;
    }

    /** A Cancel of {@code original} in CAP's usual form: no info block. */
    public static ObjectNode cancelWithoutInfo(ObjectNode original) {
        ObjectNode cancel = follower(original, "Cancel");
        cancel.remove("info");
        return cancel;
    }

    /** A Cancel of {@code original} that keeps its info block but names no area. */
    public static ObjectNode cancelWithoutArea(ObjectNode original) {
        ObjectNode cancel = follower(original, "Cancel");
        ((ObjectNode) cancel.path("info").get(0)).remove("area");
        ((ObjectNode) cancel.path("info").get(0)).put("headline", "Revoca dell'allerta per piogge intense");
        return cancel;
    }

    /** An Update of {@code original} for these ISTAT codes. */
    public static ObjectNode update(ObjectNode original, String... istat) {
        return area(follower(original, "Update"), istat);
    }

    /** The alert's resource id, as in its Location. */
    public static String id(ObjectNode alert) {
        return AlertIds.of(alert.path("sender").asText(), alert.path("identifier").asText());
    }

    public static String now() {
        return OffsetDateTime.now(ZoneId.of("Europe/Rome")).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static ObjectNode follower(ObjectNode original, String msgType) {
        ObjectNode next = original.deepCopy();
        next.put("identifier", original.path("identifier").asText() + "-" + msgType.toUpperCase());
        next.put("msgType", msgType);
        next.put("sent", now());
        next.put("references", original.path("sender").asText() + "," + original.path("identifier").asText() + "," + original.path("sent").asText());
        return next;
    }

    private Alerts() {
    }
}
