package io.banditore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The history scenario of {@code make bench}: a year of a region's history written on the topics as the service
 * would have written it at the time (record timestamps included), then the service restarted on it.
 *
 * <p>{@code History write BOOTSTRAP ALERTS DELIVERIES}: ALERTS alerts on intake.v1, spread over the past 365 days, each
 * expired six hours after it was sent, and DELIVERIES delivery statuses (SENT) on deliveries.v1, shared out among
 * them; each made from a record of the same topic the earlier scenarios left (so that its form is the service's own).
 * {@code History report RESULTS ALERTS DELIVERIES SECONDS_WRITING SECONDS_TO_READY RSS_MB}: adds {@code history} to
 * results.json and prints its row.
 */
public final class History {

    private static final ObjectMapper JSON = Stack.JSON;
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final List<String> CHANNELS = List.of("telegram", "x", "shortvideo");

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("write")) {
            write(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 7 && args[0].equals("report")) {
            report(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]),
                    Double.parseDouble(args[5]), Long.parseLong(args[6]));
        } else {
            System.err.println("usage: History write BOOTSTRAP ALERTS DELIVERIES | History report RESULTS ALERTS DELIVERIES "
                    + "SECONDS_WRITING SECONDS_TO_READY RSS_MB");
            System.exit(2);
        }
    }

    private static void write(String bootstrap, int alerts, int deliveries) throws Exception {
        ObjectNode alertTemplate = (ObjectNode) JSON.readTree(firstValue(bootstrap, "intake.v1"));
        ObjectNode statusTemplate = (ObjectNode) JSON.readTree(firstValue(bootstrap, "deliveries.v1"));
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int perAlert = Math.max(1, deliveries / alerts);
        int written = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int a = 0; a < alerts; a++) {
                Instant sent = now.minus(Duration.ofDays(365)).plus(Duration.ofDays(365).multipliedBy(a).dividedBy(alerts));
                String id = "history:HISTORY-" + a;
                ObjectNode entry = alertTemplate.deepCopy();
                entry.put("id", id).put("state", "expired").put("submittedAt", sent.toString()).put("decidedAt", sent.toString());
                ObjectNode alert = (ObjectNode) entry.path("alert");
                alert.put("identifier", "HISTORY-" + a).put("sent", sent.atOffset(ZoneOffset.UTC).format(CAP_TIME));
                for (JsonNode info : alert.path("info")) {
                    ((ObjectNode) info).put("effective", sent.atOffset(ZoneOffset.UTC).format(CAP_TIME))
                            .put("expires", sent.plus(Duration.ofHours(6)).atOffset(ZoneOffset.UTC).format(CAP_TIME));
                    ((ObjectNode) info).remove("onset");
                }
                producer.send(new ProducerRecord<>("intake.v1", null, sent.toEpochMilli(), id, entry.toString()));
                int count = a == alerts - 1 ? deliveries - written : perAlert;
                for (int d = 0; d < count; d++) {
                    String channel = CHANNELS.get(d % 3);
                    String town = "t" + (d / 3);
                    Instant at = sent.plusSeconds(1 + d / 100);
                    ObjectNode status = statusTemplate.deepCopy();
                    String deliveryId = id + ":" + channel + ":" + town;
                    status.put("deliveryId", deliveryId).put("alertId", id).put("identifier", "HISTORY-" + a).put("channel", channel)
                            .put("target", town).put("updatedAt", at.toString());
                    producer.send(new ProducerRecord<>("deliveries.v1", null, at.toEpochMilli(), deliveryId, status.toString()));
                }
                written += count;
            }
            producer.flush();
        }
        System.out.println(written);
    }

    /** The value of the first record of the topic that has one. */
    private static String firstValue(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        return record.value();
                    }
                }
            }
        }
        throw new IllegalStateException(topic + " has no record to copy: run the history scenario after another");
    }

    private static void report(Path results, int alerts, int deliveries, double secondsWriting, double secondsToReady, long rssMb) throws Exception {
        ObjectNode all = (ObjectNode) JSON.readTree(results.toFile());
        ObjectNode history = all.putObject("history");
        history.put("alerts", alerts).put("deliveries", deliveries).put("seconds_writing", secondsWriting)
                .put("seconds_to_ready", secondsToReady).put("rss_mb", rssMb);
        Files.writeString(results, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        System.out.printf("| history: %d alerts and %d delivery statuses of the past year on the topics: restart to ready / peak resident memory | %s s / %d MB |%n",
                alerts, deliveries, secondsToReady, rssMb);
    }

    private History() {
    }
}
