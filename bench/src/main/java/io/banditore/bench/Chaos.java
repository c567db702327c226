package io.banditore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scenarios of {@code make chaos}, run against the stack bench/chaos started: each a fresh province-wide alert,
 * a fault while its deliveries are under way, and what the providers then received, read from the sandbox's own
 * request journal (Journal). Processes are started, killed and paused through bench/ctl. Writes
 * target/chaos/results.json and prints a table.
 */
public final class Chaos {

    /** Provider posts seen before the fault strikes: mid fan-out. */
    private static final int POSTS_BEFORE_FAULT = 150;
    private static final Duration SETTLE_AT_MOST = Duration.ofMinutes(4);

    private final Stack stack;
    private final Journal journal;
    private final List<String> towns;
    private final int port;
    private final int altPort;
    /** The processes of the service now running, by name (bench/ctl's NAME). */
    private List<String> layout = List.of("service");
    /** What the results' shape has no room for, written beside them (details.json). */
    private final ObjectNode details = Stack.JSON.createObjectNode();

    private Chaos(Stack stack) throws Exception {
        this.stack = stack;
        this.journal = new Journal(stack);
        this.towns = stack.towns().stream().map(istat -> "c" + istat).toList();
        this.port = stack.intArg("port");
        this.altPort = stack.intArg("alt-port");
    }

    public static void main(String[] argv) throws Exception {
        new Chaos(new Stack("chaos", argv)).runAll();
    }

    /** A fault: strikes, and returns once the system is whole again (the instant settling is measured from). */
    private interface Fault {
        void strike() throws Exception;
    }

    private record Scenario(String name, int alerts, int postsBeforeFault, Fault fault) {
    }

    private void runAll() throws Exception {
        List<Scenario> all = List.of(
                // What a fan-out takes on this machine with nothing wrong: the yardstick for the seconds to settle.
                new Scenario("no fault (yardstick)", 1, POSTS_BEFORE_FAULT, () -> { }),
                new Scenario("service kill -9 mid fan-out, restart", 1, POSTS_BEFORE_FAULT, () -> {
                    ctl("service-stop", "service", "KILL");
                    ctl("service-start", "service", Integer.toString(port));
                    ctl("service-ready", "service", Integer.toString(port), "180");
                }),
                new Scenario("broker kill -9, restart after 10 s", 1, POSTS_BEFORE_FAULT, () -> {
                    ctl("broker-kill");
                    Thread.sleep(10_000);
                    ctl("broker-start");
                }),
                new Scenario("broker paused (SIGSTOP) 30 s", 1, POSTS_BEFORE_FAULT, () -> {
                    ctl("broker-pause");
                    Thread.sleep(30_000);
                    ctl("broker-resume");
                }),
                // Three alerts back to back, so that the fan-out outlasts the second instance's start.
                new Scenario("second instance mid fan-out (rebalance), stopped again", 3, 1, () -> {
                    ctl("service-start", "second", Integer.toString(altPort));
                    ctl("service-ready", "second", Integer.toString(altPort), "180");
                    Thread.sleep(5_000); // it takes its share of the partitions, then leaves: two rebalances
                    ctl("service-stop", "second");
                }),
                new Scenario("provider storm: 429 20 s, 5xx 10 s, timeouts 20 s, resets 10 s", 1, POSTS_BEFORE_FAULT, new Storm(stack)::strike),
                new Scenario("poison record on every topic read", 1, POSTS_BEFORE_FAULT, this::poison),
                new Scenario("router process kill -9 (roles split), restart", 1, 1, () -> {
                    ctl("service-stop", "router", "KILL");
                    ctl("service-start", "router", Integer.toString(port), routerOnly());
                    ctl("service-ready", "router", Integer.toString(port), "180");
                }),
                new Scenario("dispatcher process kill -9 (roles split), restart", 1, POSTS_BEFORE_FAULT, () -> {
                    ctl("service-stop", "dispatcher", "KILL");
                    ctl("service-start", "dispatcher", Integer.toString(altPort), "-Dmp.messaging.incoming.alerts-in.enabled=false");
                    ctl("service-ready", "dispatcher", Integer.toString(altPort), "180");
                }));
        Set<String> wanted = Set.of(stack.arg("scenarios").split(","));
        ObjectNode results = Stack.JSON.createObjectNode();
        ObjectNode machine = Stack.machine();
        machine.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        machine.put("shared", "every process on this machine: broker, sandbox, service(s) and driver; and other builds running beside them");
        results.set("machine", machine);
        ArrayNode scenarios = results.putArray("scenarios");
        Path out = Path.of(stack.arg("out"));
        Files.createDirectories(out.getParent());
        int n = -1; // the yardstick is scenario 0
        for (Scenario scenario : all) {
            n++;
            if (!wanted.contains("all") && !wanted.contains(Integer.toString(n))) {
                continue;
            }
            if (scenario.name().contains("roles split") && layout.contains("service")) {
                splitRoles();
            }
            stack.log("scenario " + n + ": " + scenario.name());
            scenarios.add(run(scenario, n));
            Stack.JSON.writeValue(out.toFile(), results); // what has run survives a later failure
            Stack.JSON.writeValue(out.resolveSibling("details.json").toFile(), details);
        }
        System.out.println(table(results));
        stack.log("results in " + out);
    }

    private ObjectNode run(Scenario scenario, int n) throws Exception {
        stack.awaitDrained(Duration.ofMinutes(3));
        stack.resetSandboxJournal();
        List<String> tags = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        String prefix = "K" + stack.run + "s" + n + "a";
        for (int i = 0; i < scenario.alerts(); i++) {
            String tag = prefix + i + "z";
            tags.add(tag);
            locations.add(stack.postAlert(stack.arg("province"), "Actual", tag));
        }
        for (String location : locations) {
            stack.approve(location);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (journal.requests(prefix) < scenario.postsBeforeFault() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // Posted but not yet SENT at the instant of the fault: the most a crash can make a provider see twice.
        long sentBefore = 0;
        for (String location : locations) {
            sentBefore += Stack.count(stack.deliveries(location), "SENT");
        }
        int inFlight = (int) Math.max(0, journal.read(tags, towns).posted() - sentBefore);
        long faultAt = System.nanoTime();
        scenario.fault().strike();
        long recoveredAt = System.nanoTime();
        stack.log(String.format(Locale.ROOT, "  fault over after %.1f s; %d posted but not SENT when it struck", (recoveredAt - faultAt) / 1e9, inFlight));

        int expected = towns.size() * 3 * scenario.alerts();
        long settleDeadline = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        List<JsonNode> deliveries = List.of();
        double settled = -1;
        while (System.nanoTime() < settleDeadline) {
            deliveries = deliveriesOf(locations);
            if (deliveries.size() >= expected && deliveries.stream().allMatch(d -> Set.of("SENT", "FAILED", "SKIPPED").contains(d.path("status").asText()))) {
                settled = (System.nanoTime() - recoveredAt) / 1e9;
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(2000); // late requests (a retry after a lost answer) still count
        journal.awaitTikTokSettled(Duration.ofSeconds(90)); // a pull held by a link ends in a post or a refusal
        Journal.Posts posts = journal.read(tags, towns);
        journal.save(Path.of(stack.arg("out")).resolveSibling("journal-" + n + ".json"));
        long sent = deliveries.stream().filter(d -> "SENT".equals(d.path("status").asText())).count();
        ObjectNode r = Stack.JSON.createObjectNode();
        r.put("name", scenario.name()).put("deliveries", expected).put("not_sent", expected - sent).put("never_posted", posts.neverPosted());
        ObjectNode duplicates = r.putObject("duplicates");
        for (String channel : Journal.CHANNELS) {
            duplicates.put(channel, posts.duplicates().getOrDefault(channel, 0));
        }
        r.put("in_flight_at_fault", inFlight).put("seconds_to_settle", Stack.round(settled));
        stack.log("  " + r);
        // Why the deliveries not SENT are not: the service's own word, for the README's reading of the figures.
        Map<String, Integer> why = new java.util.TreeMap<>();
        for (JsonNode d : deliveries) {
            if (!"SENT".equals(d.path("status").asText())) {
                String error = d.path("error").asText("");
                why.merge(d.path("channel").asText() + " " + d.path("status").asText() + " " + error.substring(0, Math.min(90, error.length())), 1, Integer::sum);
            }
        }
        why.forEach((reason, count) -> stack.log("    not SENT: " + count + " x " + reason));
        details.putObject(scenario.name()).setAll(Map.of("not_sent_by_reason", Stack.JSON.valueToTree(why),
                "seconds_fault_to_recovered", Stack.JSON.valueToTree(Stack.round((recoveredAt - faultAt) / 1e9))));
        return r;
    }

    private List<JsonNode> deliveriesOf(List<String> locations) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String location : locations) {
            stack.deliveries(location).forEach(all::add);
        }
        return all;
    }

    /** Bytes that are not JSON on every topic Banditore reads, keyed by towns under way. */
    private void poison() throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", stack.arg("bootstrap"), "acks", "all");
        List<String> topics = List.of("alerts.v1", "intake.v1", "dispatch.telegram", "dispatch.x", "dispatch.shortvideo", "deliveries.v1",
                "audit.v1", "targets.v1", "routing.v1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                for (String town : towns.subList(towns.size() - 3, towns.size())) {
                    producer.send(new ProducerRecord<>(topic, topic.startsWith("dispatch.") ? town : "poison-" + town, "\u0000\u00ffnot json {")).get();
                }
            }
        }
    }

    private String routerOnly() {
        return "-Dmp.messaging.incoming.dispatch-telegram-in.enabled=false -Dmp.messaging.incoming.dispatch-x-in.enabled=false "
                + "-Dmp.messaging.incoming.dispatch-shortvideo-in.enabled=false";
    }

    /** From one process running everything to a router process (with the intake) and a dispatcher process. */
    private void splitRoles() throws Exception {
        stack.log("splitting the roles: a router process and a dispatcher process");
        ctl("service-stop", "service");
        ctl("service-start", "router", Integer.toString(port), routerOnly());
        ctl("service-start", "dispatcher", Integer.toString(altPort), "-Dmp.messaging.incoming.alerts-in.enabled=false");
        ctl("service-ready", "router", Integer.toString(port), "180");
        ctl("service-ready", "dispatcher", Integer.toString(altPort), "180");
        layout = List.of("router", "dispatcher");
    }

    private void ctl(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(stack.arg("ctl")));
        for (String word : command) {
            argv.addAll(List.of(word.split(" ")));
        }
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " failed");
        }
    }

    static String table(JsonNode r) {
        StringBuilder t = new StringBuilder();
        JsonNode m = r.path("machine");
        t.append(String.format(Locale.ROOT, "%n%d cores, %d MB (%s), %s; load average at start %s%n%n", m.path("cores").asInt(),
                m.path("memory_mb").asInt(), m.path("cpu").asText(), m.path("jvm").asText(), m.path("load_average_at_start").asText()));
        t.append("| scenario | deliveries | not SENT | never posted | duplicates telegram / x / tiktok | posted, not SENT at the fault | s to settle |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        for (JsonNode s : r.path("scenarios")) {
            JsonNode d = s.path("duplicates");
            t.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d / %d / %d | %d | %s |%n", s.path("name").asText(), s.path("deliveries").asInt(),
                    s.path("not_sent").asInt(), s.path("never_posted").asInt(), d.path("telegram").asInt(), d.path("x").asInt(),
                    d.path("shortvideo").asInt(), s.path("in_flight_at_fault").asInt(), s.path("seconds_to_settle").isNull() ? "not settled"
                            : s.path("seconds_to_settle").asText()));
        }
        return t.toString();
    }
}
