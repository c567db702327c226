package io.banditore.kafka;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Creates Banditore's topics where they are missing, before any channel starts consuming (local runs and tests). */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaTopicsConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Instance<TopicDemand> demands;

    public TopicProvisioner(KafkaTopicsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @Any Instance<TopicDemand> demands) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.demands = demands;
    }

    // Runs before the messaging channels start (they start at LIBRARY_BEFORE), so that consumers find their topics.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!config.createTopics()) {
            return;
        }
        try (Admin admin = Admin.create(KafkaClientConfig.of(kafkaConfig))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> wanted = new LinkedHashSet<>(Topics.ALL);
            demands.forEach(demand -> wanted.addAll(demand.topics()));
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t)).map(this::newTopic).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
            }
        }
    }

    private NewTopic newTopic(String name) {
        Map<String, String> configs = new HashMap<>();
        if (Topics.COMPACTED.contains(name)) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        int partitions = Topics.SINGLE_PARTITION.contains(name) ? 1 : config.partitions();
        return new NewTopic(name, partitions, config.replicationFactor()).configs(configs);
    }
}
