package io.banditore.kafka;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure strategy of the dispatch consumers ({@code failure-strategy=unreadable-to-dead-letters}): a record the
 * connector could not deserialize (nacked by UnreadableRecords) is logged with its position, counted, and written as
 * it was to the channel's dead-letter queue topic with the reason in its dead-letter-* headers (SmallRye's own
 * dead-letter queue), then acknowledged: the orders behind it go on. Any other failure is
 * left to SmallRye's default strategy (the channel stops and reports itself unhealthy), as before.
 */
@ApplicationScoped
@Identifier(UnreadableToDeadLetters.STRATEGY)
public class UnreadableToDeadLetters implements KafkaFailureHandler.Factory {

    /** The name channels give as their failure-strategy. */
    public static final String STRATEGY = "unreadable-to-dead-letters";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final KafkaFailureHandler.Factory fail;
    private final MeterRegistry metrics;

    public UnreadableToDeadLetters(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
            @Identifier(KafkaFailureHandler.Strategy.FAIL) KafkaFailureHandler.Factory fail, MeterRegistry metrics) {
        this.deadLetterQueue = deadLetterQueue;
        this.fail = fail;
        this.metrics = metrics;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler letters = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        KafkaFailureHandler otherwise = fail.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (!(reason instanceof UnreadableRecords.UnreadableRecordException)) {
                    return otherwise.handle(record, reason, metadata);
                }
                UnreadableRecords.passedOver(metrics, record.getTopic(), record.getPartition(), record.getOffset(), reason.getMessage());
                return letters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                letters.terminate();
                otherwise.terminate();
            }
        };
    }
}
