package io.banditore.channel.pigeon;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.banditore.channel.Dispatcher;
import io.banditore.routing.DispatchOrder;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;

/** The pigeon's dispatch consumer: the records of dispatch.pigeon, handed to the dispatcher. */
@ApplicationScoped
public class PigeonDispatch {

    static final String IN = "dispatch-pigeon-in";

    private final Dispatcher dispatcher;

    public PigeonDispatch(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(IN)
    public CompletionStage<Void> dispatch(Message<DispatchOrder> record) {
        return dispatcher.dispatch(record);
    }

    @Produces
    @Unremovable
    @Identifier(IN)
    Map<String, Object> consumer() {
        return dispatcher.consumerConfig(PigeonDeclaration.NAME);
    }
}
