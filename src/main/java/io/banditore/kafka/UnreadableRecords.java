package io.banditore.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Records that Banditore cannot read (bytes that are not what the topic carries): each is logged with its position,
 * counted in banditore_unreadable_records_total{topic}, and passed over, so that it stops no consumer or view and
 * holds up none of the records behind it. On a Kafka channel whose connector passes such records on without a
 * payload ({@code fail-on-deserialization-failure=false}), they never reach the consuming method: they are nacked
 * here with the reason, for the channel's failure strategy (UnreadableToDeadLetters) to write to the dead-letter topic.
 */
@ApplicationScoped
public class UnreadableRecords implements PublisherDecorator {

    /** Counter of unreadable records, tagged with their topic. */
    public static final String METRIC = "banditore.unreadable.records";

    private static final Logger LOG = Logger.getLogger(UnreadableRecords.class);

    /** Logs and counts one unreadable record; the caller passes over it. */
    public static void passedOver(MeterRegistry metrics, String topic, int partition, long offset, String reason) {
        LOG.errorf("Unreadable record in %s at partition %d offset %d, passed over: %s", topic, partition, offset, reason);
        metrics.counter(METRIC, "topic", topic).increment();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelName, boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return publisher.filter(record -> {
            String failure = failure(record);
            if (failure == null) {
                return true;
            }
            record.nack(new UnreadableRecordException("not a readable record: " + failure));
            return false;
        });
    }

    /** The connector's reason when it could not deserialize the record's value, else null. */
    private static String failure(Message<?> record) {
        if (record.getPayload() != null) {
            return null;
        }
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .map(Header::value).map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }

    /** Why a record went to the dead-letter topic without being handled (its message is the dead-letter-reason). */
    public static final class UnreadableRecordException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreadableRecordException(String reason) {
            super(reason, null, false, false);
        }
    }
}
