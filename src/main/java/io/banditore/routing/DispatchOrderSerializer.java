package io.banditore.routing;

import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * Writes a dispatch order as JSON. The Kafka connector's dead-letter queue of a dispatch consumer finds it by its
 * name, the deserializer's with "Deserializer" made "Serializer" (an unreadable record itself is written as it came).
 */
public class DispatchOrderSerializer extends ObjectMapperSerializer<DispatchOrder> {
}
