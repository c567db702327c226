package io.banditore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * One running replica of the packaged service (target/quarkus-app), in a process of its own, on its own HTTP port,
 * with the test profile and the given configuration (the broker, the provider stubs, the signing key of the run).
 * Two of them side by side are two replicas of a deployment sharing one Kafka cluster.
 */
public final class Replica implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private Replica(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the replica and returns once it reports ready (its views read and its consumers assigned). */
    public static Replica start(String name, Map<String, String> config) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `package` (mvn verify)");
        }
        try {
            int port = KafkaBrokerResource.freePort();
            Path dir = Files.createDirectories(Path.of("target", "replicas"));
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(KafkaBrokerResource.java(),
                    "-Xmx256m", "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", JAR.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            Replica replica = new Replica(name, port, process, log);
            Awaitility.await(name + " ready (see " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                        }
                        return replica.ready();
                    });
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public String name() {
        return name;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the replica as Kubernetes would (SIGTERM), and waits for it to leave. */
    @Override
    public void close() {
        KafkaBrokerResource.stop(process, 30);
    }

    @Override
    public String toString() {
        return name + " (" + baseUri() + ", log " + log + ")";
    }
}
