package io.banditore.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.banditore.channel.ChannelName;

/**
 * The towns Banditore publishes for and their channel accounts, read from a YAML file (a ConfigMap in Kubernetes)
 * and checked at start: a directory with a mistake stops the service with every mistake named.
 */
// Read at start: a directory with a mistake must stop the service before it accepts an alert.
@Startup
@ApplicationScoped
public class TargetDirectory {

    private static final Logger LOG = Logger.getLogger(TargetDirectory.class);

    /** The file's shape: a list of targets. */
    record DirectoryFile(List<Target> targets) {
    }

    /** In the file's order, which is the order of every listing. */
    private final Map<String, Target> targets;

    public TargetDirectory(DirectoryConfig config, Gazetteer gazetteer) {
        DirectoryFile file = read(config.location());
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Target> byId = new LinkedHashMap<>();
        List<Target> listed = file == null || file.targets() == null ? List.of() : file.targets();
        for (int i = 0; i < listed.size(); i++) {
            Target t = listed.get(i);
            String at = "targets[" + i + "]";
            if (t.id() == null || t.id().isBlank()) {
                errors.add(at + ": id is required");
                continue;
            }
            at = at + " (" + t.id() + ")";
            if (!seen.add(t.id())) {
                errors.add(at + ": duplicate target id");
            }
            if (t.istat() == null || gazetteer.comune(t.istat()).isEmpty()) {
                errors.add(at + ": istat '" + t.istat() + "' is not the ISTAT code of a comune");
            }
            t.channels().forEach((channel, account) -> {
                if (!ChannelName.ALL.contains(channel)) {
                    errors.add(t.id() + ": unknown channel '" + channel + "' (known: " + ChannelName.ALL + ")");
                } else if (account.credentials() == null || account.credentials().isBlank()) {
                    errors.add(t.id() + ": channel " + channel + " names no credentials (the secret holding its tokens)");
                }
            });
            byId.put(t.id(), t);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The directory of targets " + config.location() + " has mistakes:\n  " + String.join("\n  ", errors));
        }
        this.targets = java.util.Collections.unmodifiableMap(byId);
        LOG.infof("Directory %s: %d target(s)", config.location(), targets.size());
    }

    private static DirectoryFile read(String location) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = open(location)) {
            return yaml.readValue(in, DirectoryFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the directory of targets " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    public Optional<Target> find(String id) {
        return Optional.ofNullable(targets.get(id));
    }

    public Collection<Target> all() {
        return targets.values();
    }
}
