package io.banditore.kafka;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Outgoing Kafka messages with their record key (and headers), which decide partition and order. */
public final class KafkaMessages {

    public static <T> Message<T> keyed(String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }

    /** A keyed message for a topic the message names, where one messaging channel writes to several topics. */
    public static <T> Message<T> keyedTo(String topic, String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build());
    }

    public static <T> Message<T> keyed(String key, T payload, String contentType) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", contentType.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build());
    }

    private KafkaMessages() {
    }
}
