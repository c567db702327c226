package io.banditore.alert;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;

/**
 * The event contract of alerts.v1: a structured-mode CloudEvent (JSON) whose data is the CAP alert in its JSON form.
 * Extensions carry CAP's status and msgType so that subscribers can filter tests and cancels without parsing data.
 * The source is the publisher's to give (the intake's banditore.intake.event-source).
 */
@ApplicationScoped
public class AlertEvents {

    /** The CloudEvents type of a published alert; the version changes only with an incompatible contract. */
    public static final String TYPE = "io.banditore.alert.published.v1";
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";
    public static final String EXT_STATUS = "capstatus";
    public static final String EXT_MSG_TYPE = "capmsgtype";
    public static final String EXT_SENDER = "capsender";

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;
    private final Clock clock;

    public AlertEvents(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The CloudEvent of an alert, published by {@code source}, serialised; its id is the alert's id, so a repeated
     * publication is recognisable.
     */
    public byte[] published(String source, String alertId, Alert alert) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(alertId)
                .withSource(URI.create(source))
                .withType(TYPE)
                .withSubject(alert.identifier())
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(EXT_STATUS, alert.status().name())
                .withExtension(EXT_MSG_TYPE, alert.msgType().name())
                .withExtension(EXT_SENDER, alert.sender())
                .withData(JsonCloudEventData.wrap(mapper.valueToTree(alert)))
                .build();
        return format.serialize(event);
    }

    /** Reads an event of alerts.v1 back. */
    public CloudEvent read(byte[] bytes) {
        return format.deserialize(bytes);
    }

    /** The alert an event of alerts.v1 carries. */
    public Alert alertOf(CloudEvent event) {
        try {
            return mapper.readValue(event.getData().toBytes(), Alert.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.getId() + " does not carry a readable alert", e);
        }
    }
}
