package io.banditore.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged service needs around it in a {@code @QuarkusIntegrationTest}: the broker, the provider stubs, the
 * run's signing key and the test directory (a file: the jar holds no test resources). The service gets them as its
 * configuration; the test's own clients ({@link Tokens}, {@link Providers}) read them as system properties, since no
 * application runs in the test's JVM.
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

    private final KafkaBrokerResource broker = new KafkaBrokerResource();
    private final ProviderStubsResource providers = new ProviderStubsResource();
    private final TokenKeysResource keys = new TokenKeysResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(broker.start());
        config.putAll(providers.start());
        config.putAll(keys.start());
        config.put("banditore.directory.location", Path.of("src/test/resources/directory/test.yaml").toAbsolutePath().toString());
        config.forEach(System::setProperty);
        return config;
    }

    @Override
    public void stop() {
        providers.stop();
        broker.stop();
        keys.stop();
    }
}
