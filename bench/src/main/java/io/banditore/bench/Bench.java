package io.banditore.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scenarios of {@code make bench}, run against a service, broker and provider sandbox that bench/run started:
 * ingest (open loop, until the service saturates) beside Kafka's own ProducerPerformance with the same record size,
 * latency from alert to provider per channel at a steady rate, a province-wide fan-out beside the floor the rate
 * limits set, and the service's peak resident memory. Writes a JSON file and prints a table.
 *
 * <p>Arguments are --name=value; bench/run passes them all.
 */
public final class Bench {

    private static final ObjectMapper JSON = Stack.JSON;
    /** A comune with no town in the benchmark's directory: ingest measures the intake alone. */
    private static final String NOWHERE = Setup.NOWHERE;

    private final Stack stack;
    private final HttpClient http;
    private final String sandbox;
    private final String operator;
    private final String run;

    private Bench(Stack stack) {
        this.stack = stack;
        this.http = stack.http;
        this.sandbox = stack.sandbox;
        this.operator = stack.operator;
        this.run = stack.run;
    }

    public static void main(String[] argv) throws Exception {
        new Bench(new Stack("bench", argv)).runAll();
    }

    private String arg(String name) {
        return stack.arg(name);
    }

    private int intArg(String name) {
        return stack.intArg(name);
    }

    private void runAll() throws Exception {
        MemorySampler memory = new MemorySampler(Long.parseLong(arg("service-pid")));
        memory.start();
        ObjectNode results = JSON.createObjectNode();
        results.set("machine", Stack.machine());
        ObjectNode versions = results.putObject("versions");
        versions.put("banditore", arg("version")).put("quarkus", arg("quarkus-version")).put("kafka", arg("kafka-version"))
                .put("java", System.getProperty("java.version"));
        ObjectNode settings = results.putObject("settings");
        settings.put("provider_latency_ms", intArg("provider-latency-ms")).put("rate_per_s", intArg("rate"))
                .put("latency_seconds", intArg("latency-seconds")).put("ingest_step_seconds", intArg("ingest-step-seconds"))
                .put("service_heap", arg("service-heap")).put("video_rendering", Boolean.parseBoolean(arg("video-rendering")));

        java.util.Set<String> scenarios = java.util.Set.of(arg("scenarios").split(","));
        int recordBytes = stack.alert(NOWHERE, "Exercise", "sizing").getBytes(StandardCharsets.UTF_8).length;
        // First, while the service is as it was when it said it was ready.
        log("cold start: one alert for one town right after ready");
        results.set("cold_start", coldStart());
        log("warm-up: 10 s at 20 alerts/s, not counted");
        openLoop(20, 10);
        ObjectNode ingest = results.putObject("ingest");
        if (scenarios.contains("ingest")) {
            log("ingest: open loop, rising rates, ~" + recordBytes + " bytes per alert");
            ingest(ingest);
        }
        ingest.put("record_bytes", recordBytes);
        // The raw rate of the same run always stands beside the figures.
        log("raw Kafka: ProducerPerformance, " + recordBytes + " bytes per record, acks=all, idempotent");
        ingest.put("kafka_raw_records_per_s", rawKafka(recordBytes));

        // The ingest left thousands of alerts for the router: latency is measured from an idle pipeline.
        ingest.put("seconds_to_drain_after_ingest", Stack.round(stack.awaitDrained(Duration.ofMinutes(10))));
        if (scenarios.contains("latency")) {
            log("latency: " + intArg("rate") + " alerts/s for " + intArg("latency-seconds") + " s, one town each, round robin");
            results.set("latency_ms", latency());
            stack.awaitDrained(Duration.ofMinutes(10));
        }
        if (scenarios.contains("fanout")) {
            log("fan-out: one alert for province " + arg("province"));
            results.set("fanout", fanout("F" + run));
            // The same again, with the code the first one ran now compiled: the first is what a service that has
            // not yet made a delivery does, this one what it does once it has.
            log("fan-out again: a second alert for province " + arg("province"));
            results.set("fanout_warm", fanout("W" + run));
        }
        if (scenarios.contains("national")) {
            log("national fan-out: one alert for every region, " + stack.towns().size() + " towns");
            results.set("fanout_national", national());
        }

        if (scenarios.contains("shared_bot")) {
            log("shared bot: the Telegram channels of province " + arg("province") + " behind one bot");
            results.set("fanout_shared_bot", sharedBot("S" + run));
        }

        memory.finish();
        results.put("rss_mb", Math.round(memory.peakKb() / 1024.0));
        // Last, with the service idle: what the sandbox itself can answer, so that no figure above is its limit unseen.
        log("sandbox capacity: Telegram sendMessage, 256 at once");
        results.put("sandbox_capacity_per_s", sandboxCapacity(256, 6000));

        Path out = Path.of(arg("out"));
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), results);
        System.out.println(table(results));
        log("results in " + out);
    }

    // ---------------------------------------------------------------------------------------------------- ingest

    /** Offered rates rise step by step until the service no longer keeps up; the best accepted rate is the figure. */
    private void ingest(ObjectNode out) throws Exception {
        ArrayNode steps = out.putArray("steps");
        double best = 0;
        int seconds = intArg("ingest-step-seconds");
        for (int rate : new int[] { 50, 100, 200, 400, 800, 1600, 3200 }) {
            Step step = openLoop(rate, seconds);
            steps.add(step.json());
            log(String.format(Locale.ROOT, "  offered %5d/s: accepted %7.1f/s, p50 %6.1f ms, p99 %7.1f ms, errors %d", rate,
                    step.acceptedPerSecond(), step.latency.getValueAtPercentile(50) / 1000.0,
                    step.latency.getValueAtPercentile(99) / 1000.0, step.errors.get()));
            best = Math.max(best, step.acceptedPerSecond());
            if (step.acceptedPerSecond() < 0.9 * rate || step.latency.getValueAtPercentile(99) > 2_000_000) {
                break; // saturated: more offered load only queues
            }
        }
        out.put("alerts_per_s", Math.round(best * 10) / 10.0);
    }

    private final class Step {
        final int rate;
        final Histogram latency = new Histogram(60_000_000L, 3);
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger shed = new AtomicInteger();
        final Map<String, Integer> statuses = new ConcurrentHashMap<>();
        long startNanos;
        volatile long lastAnswerNanos;

        Step(int rate) {
            this.rate = rate;
        }

        double acceptedPerSecond() {
            double seconds = (lastAnswerNanos - startNanos) / 1e9;
            return seconds <= 0 ? 0 : accepted.get() / seconds;
        }

        ObjectNode json() {
            ObjectNode step = JSON.createObjectNode();
            step.put("offered_per_s", rate).put("accepted_per_s", Math.round(acceptedPerSecond() * 10) / 10.0)
                    .put("accepted", accepted.get()).put("errors", errors.get()).put("not_sent_client_full", shed.get())
                    .put("p50_ms", latency.getValueAtPercentile(50) / 1000.0).put("p99_ms", latency.getValueAtPercentile(99) / 1000.0);
            step.set("statuses", JSON.valueToTree(statuses));
            return step;
        }
    }

    /** Sends at a fixed rate whatever the answers (open loop), then waits for the last answers. */
    private Step openLoop(int rate, int seconds) throws InterruptedException {
        Step step = new Step(rate);
        Semaphore outstanding = new Semaphore(4000);
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        step.startNanos = System.nanoTime();
        step.lastAnswerNanos = step.startNanos;
        for (int i = 0; i < total; i++) {
            long due = step.startNanos + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!outstanding.tryAcquire()) {
                step.shed.incrementAndGet(); // the client itself is full: counted, never hidden
                continue;
            }
            long sentAt = System.nanoTime();
            http.sendAsync(stack.post("/api/v1/alerts", stack.alert(NOWHERE, "Exercise", "ingest"), operator), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        long now = System.nanoTime();
                        step.latency.recordValue(Math.min((now - sentAt) / 1000, 59_999_999L));
                        if (error != null) {
                            step.errors.incrementAndGet();
                            step.statuses.merge(error.getClass().getSimpleName(), 1, Integer::sum);
                        } else {
                            step.statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                            if (response.statusCode() == 202) {
                                step.accepted.incrementAndGet();
                                step.lastAnswerNanos = Math.max(step.lastAnswerNanos, now);
                            } else {
                                step.errors.incrementAndGet();
                            }
                        }
                        outstanding.release();
                    });
        }
        if (!outstanding.tryAcquire(4000, 60, TimeUnit.SECONDS)) {
            log("  answers still missing after 60 s");
        } else {
            outstanding.release(4000);
        }
        return step;
    }

    /** Kafka's own producer benchmark against the same broker, with the same record size and guarantees. */
    private double rawKafka(int recordBytes) throws Exception {
        // The same layout as the service's topics: 3 partitions, one replica on this single broker.
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", arg("bootstrap")))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(arg("raw-topic"), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", arg("raw-topic"), "--num-records", arg("raw-records"), "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + arg("bootstrap"), "acks=all", "enable.idempotence=true");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.contains("records/sec")) {
                    last = line;
                }
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + "), last line: " + last);
        }
        log("  " + last.strip());
        Matcher m = Pattern.compile("([0-9.]+) records/sec").matcher(last);
        if (!m.find()) {
            throw new IllegalStateException("cannot read ProducerPerformance's result: " + last);
        }
        return Double.parseDouble(m.group(1));
    }

    // --------------------------------------------------------------------------------------------------- latency

    /** Alerts at a steady rate, each for one town in turn; latency is from the POST to the provider's first request. */
    private ObjectNode latency() throws Exception {
        List<String> towns = stack.towns();
        int rate = intArg("rate");
        int seconds = intArg("latency-seconds");
        stack.resetSandboxJournal();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String tag = "L" + run + "x" + i;
            String istat = towns.get(i % towns.size());
            long wall = System.currentTimeMillis();
            sentAt.put(tag, wall);
            answers.add(http.sendAsync(stack.post("/api/v1/alerts", stack.alert(istat, "Exercise", tag), operator), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> {
                        if (r.statusCode() != 202) {
                            refused.incrementAndGet();
                            sentAt.remove(tag);
                        }
                    }));
        }
        java.util.concurrent.CompletableFuture.allOf(answers.toArray(java.util.concurrent.CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        int expected = sentAt.size() * 3;
        Map<String, Histogram> perChannel = new LinkedHashMap<>();
        for (String channel : List.of("telegram", "x", "shortvideo")) {
            perChannel.put(channel, new Histogram(600_000L, 3));
        }
        long deadline = System.currentTimeMillis() + 180_000;
        Map<String, Long> firstSeen = new HashMap<>();
        while (System.currentTimeMillis() < deadline) {
            firstSeen = providerArrivals(sentAt);
            if (firstSeen.size() >= expected) {
                break;
            }
            Thread.sleep(2000);
        }
        for (var arrival : firstSeen.entrySet()) {
            String[] channelAndTag = arrival.getKey().split("/", 2);
            long millis = arrival.getValue() - sentAt.get(channelAndTag[1]);
            perChannel.get(channelAndTag[0]).recordValue(Math.max(0, Math.min(millis, 599_999)));
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("rate_per_s", rate).put("seconds", seconds).put("alerts", sentAt.size()).put("refused", refused.get())
                .put("provider_requests_expected", expected).put("provider_requests_seen", firstSeen.size());
        perChannel.forEach((channel, h) -> out.putObject(channel).put("count", h.getTotalCount())
                .put("p50", h.getValueAtPercentile(50)).put("p95", h.getValueAtPercentile(95)).put("p99", h.getValueAtPercentile(99)));
        return out;
    }

    /** For each channel and alert tag, when the sandbox first received a request carrying it (epoch millis). */
    private Map<String, Long> providerArrivals(Map<String, Long> tags) throws Exception {
        Map<String, Long> first = new HashMap<>();
        Pattern tag = Pattern.compile("[LC]" + run + "x\\d+");
        // Only the requests that carry an alert's text: sendMessage, a post, a TikTok post's init.
        for (String pattern : List.of("/bot[^/]+/sendMessage", "/2/tweets", "/v2/post/publish/(inbox/)?video/init/")) {
            String query = "{\"method\":\"POST\",\"urlPathPattern\":\"" + pattern + "\"}";
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(sandbox + "/__admin/requests/find"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() != 200) {
                throw new IllegalStateException("the sandbox's journal answered " + found.statusCode() + ": "
                        + found.body().substring(0, Math.min(300, found.body().length())));
            }
            for (JsonNode request : JSON.readTree(found.body()).path("requests")) {
                String channel = Stack.channelOf(request.path("url").asText());
                Matcher m = tag.matcher(request.path("body").asText());
                if (channel != null && m.find() && tags.containsKey(m.group())) {
                    first.merge(channel + "/" + m.group(), request.path("loggedDate").asLong(), Math::min);
                }
            }
        }
        return first;
    }

    // ---------------------------------------------------------------------------------------------------- sandbox

    /** Requests per second the sandbox answers (sendMessage, with its configured latency) with {@code concurrency} under way. */
    private double sandboxCapacity(int concurrency, int requests) throws Exception {
        Semaphore room = new Semaphore(concurrency);
        AtomicInteger ok = new AtomicInteger();
        List<java.util.concurrent.CompletableFuture<?>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            room.acquire();
            // A chat per message and a thousand bots, so that no answer is the sandbox's flood control.
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + "/bot" + (200000 + i % 1000) + ":capacity/sendMessage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":\"@capacity" + i + "\",\"text\":\"capacity " + i + "\"}")).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                room.release();
                if (e == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                }
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(answers.toArray(java.util.concurrent.CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Math.round(ok.get() / seconds * 10) / 10.0;
    }

    // ---------------------------------------------------------------------------------------------------- cold start

    /**
     * Process start to ready (as bench/run saw them), then one alert for one town posted at once: seconds until the
     * sandbox has its request on each of the three channels.
     */
    private ObjectNode coldStart() throws Exception {
        String tag = "C" + run + "x0";
        String istat = stack.towns().get(0);
        long posted = System.currentTimeMillis();
        HttpResponse<String> answer = http.send(stack.post("/api/v1/alerts", stack.alert(istat, "Exercise", tag), operator),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the cold-start alert was refused: " + answer.statusCode() + " " + answer.body());
        }
        Map<String, Long> arrivals = Map.of();
        long deadline = posted + 120_000;
        while (System.currentTimeMillis() < deadline) {
            arrivals = providerArrivals(Map.of(tag, posted));
            if (arrivals.size() >= 3) {
                break;
            }
            Thread.sleep(50);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("seconds_to_ready", Stack.round((Long.parseLong(arg("ready-at-ms")) - Long.parseLong(arg("started-at-ms"))) / 1000.0));
        out.put("seconds_first_alert", arrivals.size() < 3 ? null : Stack.round((arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow() - posted) / 1000.0));
        ObjectNode byChannel = out.putObject("seconds_by_channel");
        arrivals.forEach((channelAndTag, at) -> byChannel.put(channelAndTag.split("/", 2)[0], Stack.round((at - posted) / 1000.0)));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- fan-out

    /** One approved alert for the whole province; seconds from approval to every delivery settled. */
    private ObjectNode fanout(String tag) throws Exception {
        // The directory may hold the whole country (SCENARIOS with national): the province's towns are those whose
        // ISTAT code starts with its code.
        int towns = (int) stack.towns().stream().filter(istat -> istat.startsWith(arg("province"))).count();
        String location = stack.postAlert(arg("province"), "Actual", tag);
        CpuTime cpu = cpuTime();
        cpu.begin();
        long start = System.nanoTime();
        java.time.Instant approvedAt = java.time.Instant.now();
        stack.approve(location);
        int expected = towns * 3;
        JsonNode deliveries = JSON.createArrayNode();
        double firstSent = -1;
        double seconds = -1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            // Only the deliveries still under way, so that watching costs the service little; the whole list once
            // none is left, to see that every one is there and final.
            JsonNode unsettled = stack.deliveries(location, "QUEUED,SENDING,RETRYING");
            if (firstSent < 0 && unsettled.size() < expected) {
                deliveries = stack.deliveries(location);
                if (Stack.count(deliveries, "SENT") > 0) {
                    firstSent = (System.nanoTime() - start) / 1e9;
                }
            }
            if (unsettled.isEmpty()) {
                double at = (System.nanoTime() - start) / 1e9;
                deliveries = stack.deliveries(location);
                if (deliveries.size() >= expected && Stack.settled(deliveries) == deliveries.size()) {
                    seconds = at;
                    break;
                }
            }
            Thread.sleep(100);
        }
        ObjectNode cpuSeconds = cpu.end(JSON);
        ObjectNode out = JSON.createObjectNode();
        out.put("province", arg("province")).put("towns", towns).put("deliveries", deliveries.size()).put("expected", expected)
                .put("sent", Stack.count(deliveries, "SENT")).put("failed", Stack.count(deliveries, "FAILED")).put("skipped", Stack.count(deliveries, "SKIPPED"))
                .put("seconds_to_first_sent", Stack.round(firstSent)).put("seconds", seconds < 0 ? null : Stack.round(seconds))
                .put("floor_seconds", Stack.round(floorSeconds(deliveries)));
        // Each channel's last delivery, by the service's own timestamps (same clock): which channel sets the pace.
        ObjectNode byChannel = out.putObject("seconds_by_channel");
        for (JsonNode d : deliveries) {
            double at = Duration.between(approvedAt, java.time.Instant.parse(d.path("updatedAt").asText())).toMillis() / 1000.0;
            String channel = d.path("channel").asText();
            byChannel.put(channel, Math.max(byChannel.path(channel).asDouble(0), Math.round(at * 100) / 100.0));
        }
        out.set("cpu_seconds", cpuSeconds);
        return out;
    }

    /**
     * The least time the configured limits allow for these deliveries: per limit key (a chat, a bot, an account,
     * a token) a bucket of {@code capacity} sends refilled at capacity per period; n sends through it take
     * (n - capacity) × period / capacity at best. The keys are per town here, as every town has its own accounts.
     */
    private double floorSeconds(JsonNode deliveries) {
        double floor = 0;
        for (JsonNode d : deliveries) {
            int parts = Math.max(1, d.path("partsTotal").asInt(1));
            double seconds = switch (d.path("channel").asText()) {
                case "telegram" -> Math.max(bucket(parts, intArg("telegram-per-chat-per-second"), 1),
                        Math.max(bucket(parts, intArg("telegram-per-chat-per-minute"), 60), bucket(parts, intArg("telegram-per-bot-per-second"), 1)));
                case "x" -> bucket(parts, intArg("x-posts-per-window"), Duration.parse(arg("x-window")).toSeconds());
                case "shortvideo" -> bucket(parts, intArg("tiktok-inits-per-minute"), 60);
                default -> 0;
            };
            floor = Math.max(floor, seconds);
        }
        return floor;
    }

    private static double bucket(int sends, int capacity, double periodSeconds) {
        return Math.max(0, sends - capacity) * periodSeconds / capacity;
    }

    // ---------------------------------------------------------------------------------------------------- shared bot

    /**
     * Every Telegram channel of the province moved to one bot (through the directory's REST API, as an administrator
     * would), then one alert for the province: seconds from approval to the last Telegram delivery final, beside the
     * floor the bot's limit sets (messages / per-bot-per-second), and the 429s the sandbox answered that bot (it
     * enforces the same limits). The towns' own bots are back afterwards.
     */
    private ObjectNode sharedBot(String tag) throws Exception {
        List<String> ids = stack.towns().stream().filter(istat -> istat.startsWith(arg("province"))).map(istat -> "c" + istat).toList();
        for (String id : ids) {
            ObjectNode target = (ObjectNode) stack.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v1/targets/" + id))
                    .header("Authorization", stack.admin).GET().build(), 200).path("target");
            ((ObjectNode) target.path("channels").path("telegram")).put("credentials", Setup.SHARED_BOT_SECRET);
            stack.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v1/targets/" + id)).header("Authorization", stack.admin)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(target.toString())).build(), 200);
        }
        stack.resetSandboxJournal(); // what it answers from now on is this scenario's alone
        String location = stack.postAlert(arg("province"), "Actual", tag);
        long start = System.nanoTime();
        stack.approve(location);
        double seconds = -1;
        JsonNode telegram = JSON.createArrayNode();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            JsonNode unsettled = stack.deliveries(location, "QUEUED,SENDING,RETRYING");
            boolean telegramUnderWay = false;
            for (JsonNode d : unsettled) {
                telegramUnderWay |= d.path("channel").asText().equals("telegram");
            }
            if (!telegramUnderWay) {
                double at = (System.nanoTime() - start) / 1e9;
                ArrayNode all = JSON.createArrayNode();
                stack.deliveries(location).forEach(d -> {
                    if (d.path("channel").asText().equals("telegram")) {
                        all.add(d);
                    }
                });
                if (all.size() >= ids.size() && Stack.settled(all) == all.size()) {
                    seconds = at;
                    telegram = all;
                    break;
                }
            }
            Thread.sleep(100);
        }
        stack.awaitSettled(location, ids.size() * 3, Duration.ofMinutes(3));
        int refused = 0;
        for (JsonNode served : stack.send(HttpRequest.newBuilder(URI.create(sandbox + "/__admin/requests?limit=10000")).GET().build(), 200)
                .path("requests")) {
            if (served.path("request").path("url").asText().startsWith("/bot" + Setup.SHARED_BOT_TOKEN + "/")
                    && served.path("response").path("status").asInt() == 429) {
                refused++;
            }
        }
        for (String id : ids) {
            stack.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v1/targets/" + id)).header("Authorization", stack.admin)
                    .DELETE().build(), 204);
        }
        int perBot = intArg("telegram-per-bot-per-second");
        ObjectNode out = JSON.createObjectNode();
        out.put("deliveries", telegram.size()).put("sent", Stack.count(telegram, "SENT"))
                .put("seconds", seconds < 0 ? null : Stack.round(seconds))
                .put("floor_seconds", Stack.round((double) ids.size() / perBot)).put("provider_429s", refused);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- national

    /**
     * One approved alert for all twenty regions, every comune of the directory a target on three channels: seconds
     * from approval to every delivery final. Followed on deliveries.v1 by this driver's own consumer, not over the
     * service's REST API, whose answer for tens of thousands of deliveries would be part of the load.
     */
    private ObjectNode national() throws Exception {
        int expected = stack.towns().size() * 3;
        List<String> regions = new ArrayList<>();
        for (int region = 1; region <= 20; region++) {
            regions.add(String.format(Locale.ROOT, "%02d", region));
        }
        String location = stack.postAlert(regions, "Actual", "N" + run);
        String alertId = location.substring(location.lastIndexOf('/') + 1);
        Map<String, String> latest = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        ObjectNode out = JSON.createObjectNode();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.<String, Object>of(
                "bootstrap.servers", arg("bootstrap"), "enable.auto.commit", false, "fetch.max.bytes", 52428800),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor("deliveries.v1").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            CpuTime cpu = cpuTime();
            cpu.begin();
            long start = System.nanoTime();
            stack.approve(location);
            long deadline = start + TimeUnit.MINUTES.toNanos(Long.parseLong(args("national-minutes", "8")));
            long settled = 0;
            double seconds = -1;
            long nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !record.key().startsWith(alertId + ":") || record.value() == null) {
                        continue;
                    }
                    JsonNode status = JSON.readTree(record.value());
                    int version = status.path("version").asInt();
                    if (version >= versions.getOrDefault(record.key(), -1)) {
                        versions.put(record.key(), version);
                        latest.put(record.key(), status.path("status").asText());
                    }
                }
                settled = latest.values().stream().filter(st -> st.equals("SENT") || st.equals("FAILED") || st.equals("SKIPPED")).count();
                if (latest.size() >= expected && settled == latest.size()) {
                    seconds = (System.nanoTime() - start) / 1e9;
                    break;
                }
                if (System.nanoTime() > nextLog) {
                    log(String.format(Locale.ROOT, "  %d of %d deliveries final after %.0f s", settled, expected, (System.nanoTime() - start) / 1e9));
                    nextLog += TimeUnit.SECONDS.toNanos(15);
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long sent = latest.values().stream().filter("SENT"::equals).count();
            out.put("towns", stack.towns().size()).put("deliveries", latest.size()).put("expected", expected).put("sent", sent)
                    .put("final", settled).put("seconds", seconds < 0 ? null : Stack.round(seconds))
                    .put("deliveries_per_s", Stack.round(settled / elapsed)).put("cut_off_after_seconds", seconds < 0 ? Stack.round(elapsed) : null);
            out.set("cpu_seconds", cpu.end(JSON));
        }
        return out;
    }

    /** An optional argument. */
    private String args(String name, String otherwise) {
        try {
            return arg(name);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** The stack's processes by name, for CPU accounting: this driver, the service, the broker and the sandbox. */
    private CpuTime cpuTime() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("service", Long.parseLong(arg("service-pid")));
        pids.put("broker", Long.parseLong(arg("broker-pid")));
        pids.put("sandbox", Long.parseLong(arg("sandbox-pid")));
        pids.put("driver", ProcessHandle.current().pid());
        return new CpuTime(pids);
    }

    private void log(String message) {
        stack.log(message);
    }

    static String table(JsonNode r) {
        StringBuilder t = new StringBuilder();
        JsonNode m = r.path("machine");
        t.append(String.format(Locale.ROOT, "%nBanditore %s on %d cores, %d MB (%s), %s%n", r.path("versions").path("banditore").asText(),
                m.path("cores").asInt(), m.path("memory_mb").asInt(), m.path("cpu").asText(), m.path("jvm").asText()));
        t.append(String.format(Locale.ROOT, "Quarkus %s, Kafka %s; provider latency %d ms%n%n", r.path("versions").path("quarkus").asText(),
                r.path("versions").path("kafka").asText(), r.path("settings").path("provider_latency_ms").asInt()));
        t.append("| figure | value |\n|---|---|\n");
        JsonNode in = r.path("ingest");
        t.append(row("ingest: alerts accepted per second (202, Kafka-acknowledged)", in.path("alerts_per_s").asText()));
        t.append(row("raw Kafka: records per second (ProducerPerformance, " + in.path("record_bytes").asInt() + " B, acks=all, idempotent)",
                in.path("kafka_raw_records_per_s").asText()));
        JsonNode lat = r.path("latency_ms");
        for (String channel : List.of("telegram", "x", "shortvideo")) {
            JsonNode c = lat.path(channel);
            t.append(row("latency to " + channel + " at " + lat.path("rate_per_s").asInt() + "/s: p50 / p95 / p99 ms",
                    c.path("p50").asText() + " / " + c.path("p95").asText() + " / " + c.path("p99").asText()
                            + " (" + c.path("count").asText() + " requests)"));
        }
        JsonNode f = r.path("fanout");
        t.append(row("fan-out, province " + f.path("province").asText() + ": " + f.path("towns").asInt() + " towns, "
                + f.path("deliveries").asInt() + " deliveries (" + f.path("sent").asInt() + " sent)", f.path("seconds").asText() + " s to all settled"));
        t.append(row("fan-out floor set by the configured rate limits", f.path("floor_seconds").asText() + " s"));
        t.append(cpuRow("fan-out", f.path("cpu_seconds")));
        JsonNode n = r.path("fanout_national");
        if (!n.isMissingNode()) {
            t.append(row("national fan-out: " + n.path("towns").asInt() + " towns, " + n.path("expected").asInt() + " deliveries ("
                    + n.path("final").asInt() + " final, " + n.path("sent").asInt() + " sent)", n.path("seconds").asText() + " s to all settled; "
                    + n.path("deliveries_per_s").asText() + " deliveries/s"));
            t.append(cpuRow("national fan-out", n.path("cpu_seconds")));
        }
        JsonNode w = r.path("fanout_warm");
        t.append(row("fan-out again (code compiled): " + w.path("deliveries").asInt() + " deliveries (" + w.path("sent").asInt() + " sent)",
                w.path("seconds").asText() + " s to all settled"));
        t.append(cpuRow("fan-out again", w.path("cpu_seconds")));
        JsonNode shared = r.path("fanout_shared_bot");
        if (!shared.isMissingNode()) {
            t.append(row("shared bot: " + shared.path("deliveries").asInt() + " Telegram channels behind one bot (" + shared.path("sent").asInt()
                    + " sent): s to all final / floor of the bot's limit / 429s answered", shared.path("seconds").asText() + " / "
                    + shared.path("floor_seconds").asText() + " / " + shared.path("provider_429s").asText()));
        }
        t.append(row("sandbox capacity (sendMessage answered per second, same run)", r.path("sandbox_capacity_per_s").asText()));
        JsonNode cold = r.path("cold_start");
        t.append(row("cold start: process start to ready; first alert after ready to all three providers",
                cold.path("seconds_to_ready").asText() + " s; " + cold.path("seconds_first_alert").asText() + " s"));
        t.append(row("service peak resident memory", r.path("rss_mb").asText() + " MB"));
        return t.toString();
    }

    private static String cpuRow(String scenario, JsonNode cpu) {
        return cpu.isMissingNode() ? "" : row(scenario + " CPU seconds: service / broker / sandbox / driver (machine busy of capacity)",
                cpu.path("service").asText() + " / " + cpu.path("broker").asText() + " / " + cpu.path("sandbox").asText() + " / "
                        + cpu.path("driver").asText() + " (" + cpu.path("machine_busy").asText() + " of " + cpu.path("machine_capacity").asText() + ")");
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }

    /** Samples the service's resident memory (VmRSS) and keeps the kernel's own high-water mark (VmHWM). */
    private static final class MemorySampler extends Thread {
        private final Path status;
        private volatile boolean running = true;
        private volatile long peakKb;

        MemorySampler(long pid) {
            super("rss-sampler");
            setDaemon(true);
            this.status = Path.of("/proc", Long.toString(pid), "status");
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException e) {
                // the process is gone; keep what was seen
            }
        }

        void finish() {
            sample();
            running = false;
            interrupt();
        }

        long peakKb() {
            return peakKb;
        }
    }
}
