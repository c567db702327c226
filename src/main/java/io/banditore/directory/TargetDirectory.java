package io.banditore.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.banditore.alert.Violation;
import io.quarkus.runtime.Startup;

/**
 * The towns Banditore publishes for and their channel accounts: the YAML file (a ConfigMap in Kubernetes), checked
 * at start so that a directory with a mistake stops the service with every mistake named, and over it the targets
 * added or replaced at run time (targets.v1, see {@link TargetChanges}), the same in every replica.
 */
// Read at start: a directory with a mistake must stop the service before it accepts an alert.
@Startup
@ApplicationScoped
public class TargetDirectory {

    private static final Logger LOG = Logger.getLogger(TargetDirectory.class);
    /** The largest directory file read: room for every comune of Italy, each with several channels and accounts. */
    private static final int MAX_FILE_CODE_POINTS = 64 * 1024 * 1024;

    /** The file's shape: a list of targets. */
    record DirectoryFile(List<Target> targets) {
    }

    private final String location;
    /** In the file's order, which is the order of every listing. */
    private final Map<String, Target> fromFile;
    /** The latest run-time change of each id, removals included. */
    private final Map<String, TargetChange> changes = new HashMap<>();
    private volatile Map<String, DirectoryEntry> merged;

    public TargetDirectory(DirectoryConfig config, TargetValidator validator) {
        this.location = config.location();
        this.fromFile = load(location, validator);
        this.merged = merge();
        LOG.infof("Directory %s: %d target(s)", location, fromFile.size());
    }

    private static Map<String, Target> load(String location, TargetValidator validator) {
        List<Target> listed = read(location);
        List<String> errors = new ArrayList<>();
        Map<String, Integer> seenAt = new HashMap<>();
        Map<String, Target> byId = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            Target t = listed.get(i);
            String at = "/targets/" + i;
            if (t == null) {
                errors.add(at + ": an empty entry");
                continue;
            }
            String name = t.id() == null ? "" : " (target '" + t.id() + "')";
            for (Violation v : validator.validate(t)) {
                errors.add(at + v.pointer() + name + ": " + v.detail());
            }
            if (t.id() != null) {
                Integer first = seenAt.putIfAbsent(t.id(), i);
                if (first != null) {
                    errors.add(at + "/id" + name + ": duplicate target id, already used at /targets/" + first);
                } else {
                    byId.put(t.id(), t);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new DirectoryException(location, errors);
        }
        return java.util.Collections.unmodifiableMap(byId);
    }

    private static List<Target> read(String location) {
        // SnakeYAML stops at 3 MB by default; a directory of every comune with its accounts is about 4 MB.
        LoaderOptions sizes = new LoaderOptions();
        sizes.setCodePointLimit(MAX_FILE_CODE_POINTS);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(sizes).build())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = open(location)) {
            DirectoryFile file = yaml.readValue(in, DirectoryFile.class);
            return file == null || file.targets() == null ? List.of() : file.targets();
        } catch (UnrecognizedPropertyException e) {
            throw new DirectoryException(location, List.of(pointer(e) + ": unknown key '" + e.getPropertyName() + "' (misspelt?)"));
        } catch (JsonMappingException e) {
            throw new DirectoryException(location, List.of(pointer(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new DirectoryException(location, List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new DirectoryException(location, List.of("cannot be read: " + e.getMessage()));
        }
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return sb.length() == 0 ? "/" : sb.toString();
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

    /** Applies a run-time change (already validated); the latest change of an id wins. */
    public synchronized void apply(TargetChange change) {
        changes.put(change.id(), change);
        merged = merge();
    }

    private Map<String, DirectoryEntry> merge() {
        Map<String, DirectoryEntry> entries = new LinkedHashMap<>();
        fromFile.forEach((id, target) -> entries.put(id, new DirectoryEntry(id, DirectoryEntry.Source.FILE, null, null, target)));
        changes.values().stream().sorted(Comparator.comparing(TargetChange::id)).forEach(c -> {
            if (c.removed()) {
                // Removing a run-time change brings the file's version back, if there is one.
                return;
            }
            DirectoryEntry.Source source = fromFile.containsKey(c.id()) ? DirectoryEntry.Source.OVERRIDE : DirectoryEntry.Source.RUNTIME;
            entries.put(c.id(), new DirectoryEntry(c.id(), source, c.by(), c.at(), c.target()));
        });
        return java.util.Collections.unmodifiableMap(entries);
    }

    public Optional<Target> find(String id) {
        return entry(id).map(DirectoryEntry::target);
    }

    public Optional<DirectoryEntry> entry(String id) {
        return Optional.ofNullable(merged.get(id));
    }

    /** Every target: the file's, in its order (replaced ones in place), then those added at run time by id. */
    public Collection<Target> all() {
        return merged.values().stream().map(DirectoryEntry::target).toList();
    }

    public Collection<DirectoryEntry> entries() {
        return merged.values();
    }

    public boolean inFile(String id) {
        return fromFile.containsKey(id);
    }

    public String location() {
        return location;
    }
}
