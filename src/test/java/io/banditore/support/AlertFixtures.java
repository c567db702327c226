package io.banditore.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * CAP alerts from src/test/resources/alerts, with their times moved into the present ({{now}}, {{in6h}}) and a fresh
 * identifier ({{identifier}}) so that every test posts an alert of its own.
 */
public final class AlertFixtures {

    public static String json(String name) {
        return json(name, "IT-" + UUID.randomUUID());
    }

    public static String json(String name, String identifier) {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Rome")).truncatedTo(ChronoUnit.SECONDS);
        return read("alerts/" + name)
                .replace("{{identifier}}", identifier)
                .replace("{{now}}", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .replace("{{in6h}}", now.plusHours(6).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static String read(String resource) {
        try (InputStream in = AlertFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AlertFixtures() {
    }
}
