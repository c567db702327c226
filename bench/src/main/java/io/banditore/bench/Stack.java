package io.banditore.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the drivers of {@code make bench} and {@code make chaos} talk to: the service (alerts, approvals, deliveries),
 * the provider sandbox (its request journal) and the broker (consumer lag), as bench/stack.sh started them; and the
 * arguments, given as --name=value.
 */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final String sandbox;
    final String operator;
    final String approver;
    final String admin;
    /** Distinguishes this run's alerts from any other's. */
    final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Map<String, String> args;
    private final AtomicLong sequence = new AtomicLong();
    private final String tool;

    Stack(String tool, String[] argv) {
        this.tool = tool;
        this.args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, not " + a);
            }
            args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        this.base = arg("base");
        this.sandbox = arg("sandbox");
        this.operator = "Bearer " + arg("operator-token");
        this.approver = "Bearer " + arg("approver-token");
        this.admin = args.containsKey("admin-token") ? "Bearer " + arg("admin-token") : null;
    }

    String arg(String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    int intArg(String name) {
        return Integer.parseInt(arg(name));
    }

    void log(String message) {
        System.err.println("[" + tool + "] " + message);
    }

    /**
     * A realistic alert of about 1 KB: Italian text, one area, the fields a prefecture fills in; {@code tag} in its
     * headline and its description, so that every part of a thread carries it (X refuses a text it already has).
     */
    String alert(String geocode, String status, String tag) {
        return alert(List.of(geocode), status, tag);
    }

    /** An alert whose one area has every geocode given (ISTAT: comuni, provinces or regions). */
    String alert(List<String> geocodes, String status, String tag) {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Rome")).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode alert = JSON.createObjectNode();
        alert.put("identifier", tool.toUpperCase(Locale.ROOT) + "-" + run + "-" + sequence.incrementAndGet())
                .put("sender", "protezionecivile@prefettura.torino.it")
                .put("sent", now.format(CAP_TIME)).put("status", status).put("msgType", "Alert").put("scope", "Public");
        ObjectNode info = alert.putArray("info").addObject();
        info.put("language", "it-IT");
        info.putArray("category").add("Met");
        info.put("event", "Piogge intense").put("urgency", "Expected").put("severity", "Severe").put("certainty", "Likely")
                .put("senderName", "Prefettura di Torino").put("headline", "Allerta arancione per piogge intense " + tag)
                .put("description", "Precipitazioni intense e persistenti fino a domani sera, con possibili allagamenti di sottopassi (" + tag + ").")
                .put("instruction", "Evitate i sottopassi e le zone vicine ai corsi d'acqua.")
                .put("web", "https://www.prefettura.it/torino").put("effective", now.format(CAP_TIME))
                .put("expires", now.plusHours(6).format(CAP_TIME));
        info.putArray("parameter").addObject().put("valueName", "colore").put("value", "arancione");
        ObjectNode area = info.putArray("area").addObject();
        area.put("areaDesc", "Area interessata dall'allerta meteo, comuni lungo il Po e la Dora Baltea");
        var codes = area.putArray("geocode");
        geocodes.forEach(geocode -> codes.addObject().put("valueName", "ISTAT").put("value", geocode));
        return alert.toString();
    }

    HttpRequest post(String path, String body, String authorization) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    String absolute(String location) {
        return location.startsWith("http") ? location : base + location;
    }

    /** Posts an alert for {@code geocode}; returns its absolute location. */
    String postAlert(String geocode, String status, String tag) throws IOException, InterruptedException {
        return postAlert(List.of(geocode), status, tag);
    }

    String postAlert(List<String> geocodes, String status, String tag) throws IOException, InterruptedException {
        HttpResponse<String> posted = http.send(post("/api/v1/alerts", alert(geocodes, status, tag), operator), HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("the alert was refused: " + posted.statusCode() + " " + posted.body());
        }
        return absolute(posted.headers().firstValue("Location").orElseThrow());
    }

    /** Approves the alert at {@code location} (as someone other than its author). */
    void approve(String location) throws IOException, InterruptedException {
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(location + "/approve"))
                .header("Authorization", approver).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (approved.statusCode() != 200) {
            throw new IllegalStateException("the alert was not approved: " + approved.statusCode() + " " + approved.body());
        }
    }

    /** The alert's deliveries as the service shows them. */
    JsonNode deliveries(String location) throws IOException, InterruptedException {
        return deliveries(location, null);
    }

    /** The alert's deliveries in one of the statuses (comma-separated; null: all). */
    JsonNode deliveries(String location, String statuses) throws IOException, InterruptedException {
        String query = statuses == null ? "" : "?status=" + statuses;
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(location + "/deliveries" + query)).timeout(Duration.ofSeconds(30))
                .header("Authorization", approver).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Sends a request and reads its JSON answer (empty for none), or fails unless the answer has {@code status}. */
    JsonNode send(HttpRequest request, int status) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + answer.statusCode() + ", not "
                    + status + ": " + answer.body());
        }
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    /** Waits until the alert has {@code expected} deliveries, all final; fails after {@code atMost}. */
    void awaitSettled(String location, int expected, Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode all = deliveries(location);
            if (all.size() >= expected && settled(all) == all.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the deliveries of " + location + " did not all settle within " + atMost);
    }

    static long count(JsonNode deliveries, String status) {
        long n = 0;
        for (JsonNode d : deliveries) {
            n += status.equals(d.path("status").asText()) ? 1 : 0;
        }
        return n;
    }

    static long settled(JsonNode deliveries) {
        return count(deliveries, "SENT") + count(deliveries, "FAILED") + count(deliveries, "SKIPPED");
    }

    List<String> towns() throws IOException {
        List<String> istat = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(arg("directory")))) {
            Matcher m = Pattern.compile("^\\s+istat: \"(\\d{6})\"").matcher(line);
            if (m.find()) {
                istat.add(m.group(1));
            }
        }
        return istat;
    }

    void resetSandboxJournal() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(sandbox + "/__admin/requests")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The channel a request to the sandbox posts on (a message, a post, a TikTok post's init), or null. */
    static String channelOf(String url) {
        if (url.matches("/bot[^/]+/sendMessage.*")) {
            return "telegram";
        }
        if (url.startsWith("/2/tweets")) {
            return "x";
        }
        if (url.startsWith("/v2/post/publish/video/init") || url.startsWith("/v2/post/publish/inbox/video/init")) {
            return "shortvideo";
        }
        return null;
    }

    /** Waits until the router and every dispatcher have consumed everything on their topics; returns the seconds. */
    double awaitDrained(Duration atMost) throws Exception {
        long start = System.nanoTime();
        Map<String, String> groups = Map.of("banditore-router", "alerts.v1", "banditore-dispatch-telegram", "dispatch.telegram",
                "banditore-dispatch-x", "dispatch.x", "banditore-dispatch-shortvideo", "dispatch.shortvideo");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", arg("bootstrap")));
                var reader = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.<String, Object>of(
                        "bootstrap.servers", arg("bootstrap"), "isolation.level", "read_committed", "enable.auto.commit", false),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + atMost.toNanos();
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                long lag = 0;
                Map<String, Long> lagByGroup = new java.util.TreeMap<>();
                for (var group : groups.entrySet()) {
                    var committed = admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    var partitions = admin.describeTopics(List.of(group.getValue())).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(group.getValue()).partitions().stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(group.getValue(), p.partition())).toList();
                    var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                            p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
                    for (var end : ends.entrySet()) {
                        var done = committed.get(end.getKey());
                        long behind = unread(reader, end.getKey(), done == null ? 0 : done.offset(), end.getValue().offset());
                        lag += behind;
                        lagByGroup.merge(group.getKey(), behind, Long::sum);
                    }
                }
                if (lag > 0 && System.nanoTime() > nextReport) {
                    log("  still to consume: " + lagByGroup);
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
                if (lag == 0) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    log(String.format(Locale.ROOT, "  pipeline idle after %.1f s", seconds));
                    return seconds;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the pipeline still had records to consume after " + atMost.toMinutes() + " minutes");
    }

    /**
     * The records a group has still to consume on a partition, between its committed offset and the end: counted by
     * reading them (read_committed), because transactional writers leave commit markers that take an offset each
     * and are never consumed, so "end - committed" never reaches zero on their topics.
     */
    private static long unread(org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> reader,
            org.apache.kafka.common.TopicPartition partition, long committed, long end) {
        if (committed >= end) {
            return 0;
        }
        reader.assign(List.of(partition));
        reader.seek(partition, committed);
        long count = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.position(partition) < end && System.nanoTime() < until) {
            for (var record : reader.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    count++;
                }
            }
        }
        // Still short of the end: a transaction is open there, so its records are yet to come.
        return reader.position(partition) < end ? count + 1 : count;
    }

    static ObjectNode machine() throws IOException {
        ObjectNode machine = JSON.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                machine.put("memory_mb", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                machine.put("cpu", line.substring(line.indexOf(':') + 1).strip());
                break;
            }
        }
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    static Double round(double value) {
        return value < 0 ? null : Math.round(value * 100) / 100.0;
    }
}
