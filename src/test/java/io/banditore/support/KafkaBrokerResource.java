package io.banditore.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Apache Kafka broker (KRaft, one node) in its own process, started from the jars that local/pom.xml
 * fetches and the same server.properties template as `make run`, on free ports and a fresh data folder.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private Process broker;
    private Path dir;
    private Path props;
    private String bootstrapServers;

    @Override
    public Map<String, String> start() {
        Path lib = Path.of(System.getProperty("test.kafka.lib", ".work/lib/kafka"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No Kafka broker jars in " + lib + ": run `make test`, which fetches them (local/pom.xml)");
        }
        try {
            dir = Files.createTempDirectory("banditore-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            props = writeServerProperties(port, controllerPort);
            run(List.of(java(), "-cp", classpath(), "kafka.tools.StorageTool", "format", "--standalone",
                    "--cluster-id", Uuid.randomUuid().toString(), "--config", props.toString()));
            bootstrapServers = "localhost:" + port;
            launch();
            return Map.of("kafka.bootstrap.servers", bootstrapServers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker process on this resource's ports and data, and waits until it answers. */
    private void launch() throws IOException, InterruptedException {
        broker = new ProcessBuilder(java(), "-Xmx512m", "-Dlog4j2.configurationFile=" + Path.of("local/kafka/log4j2.xml").toAbsolutePath(),
                "-Dkafka.logs.dir=" + dir, "-cp", classpath(), "kafka.Kafka", props.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile())).start();
        Process started = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitReady(bootstrapServers);
    }

    private static String classpath() {
        return Path.of(System.getProperty("test.kafka.lib", ".work/lib/kafka")).toAbsolutePath() + "/*";
    }

    private Path writeServerProperties(int port, int controllerPort) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("local/kafka/server.properties"))) {
            props.load(in);
        }
        props.setProperty("log.dirs", dir.resolve("data").toString());
        props.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.setProperty("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "test broker");
        }
        return file;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
    }

    private void awaitReady(String bootstrap) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited: " + Files.readString(dir.resolve("console.log")));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    Thread.sleep(250);
                }
            }
        }
        throw new IllegalStateException("The Kafka broker was not ready within 90 s; see " + dir);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields((Runnable) this::stopBroker, new TestInjector.AnnotatedAndMatchesType(InjectBrokerStop.class, Runnable.class));
        testInjector.injectIntoFields((Runnable) this::restartBroker, new TestInjector.AnnotatedAndMatchesType(InjectBrokerStart.class, Runnable.class));
    }

    private void stopBroker() {
        if (broker != null && broker.isAlive()) {
            stop(broker, 15);
        }
    }

    /** Stops a process with SIGTERM, and with SIGKILL if it has not left after {@code graceSeconds}. */
    static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Starts the stopped broker again, with its data, on the same ports. */
    private void restartBroker() {
        if (broker != null && broker.isAlive()) {
            return;
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        stopBroker();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
