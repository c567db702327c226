package io.banditore.routing;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/**
 * Reads a dispatch order from its JSON, with the application's ObjectMapper: the value deserializer of every
 * channel's dispatch consumer (dispatch.ChannelDispatchers#consumerConfig).
 */
public class DispatchOrderDeserializer extends ObjectMapperDeserializer<DispatchOrder> {

    public DispatchOrderDeserializer() {
        super(DispatchOrder.class);
    }
}
