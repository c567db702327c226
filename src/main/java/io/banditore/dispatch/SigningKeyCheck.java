package io.banditore.dispatch;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * A short-video dispatcher signs the links TikTok fetches videos from; across replicas they verify only when every
 * pod has the same key. Outside the local, dev and test profiles, a process that runs the short-video dispatcher
 * refuses to start without banditore.shortvideo.links.signing-key rather than sign links no other pod accepts.
 */
@ApplicationScoped
public class SigningKeyCheck {

    /** Profiles where a key of the process's own is enough (one process does it all). */
    static final List<String> SINGLE_PROCESS_PROFILES = List.of("local", "dev", "test");

    private final boolean shortVideoDispatcher;
    private final Optional<String> signingKey;

    public SigningKeyCheck(@ConfigProperty(name = "mp.messaging.incoming.dispatch-shortvideo-in.enabled", defaultValue = "true") boolean shortVideoDispatcher,
            @ConfigProperty(name = "banditore.shortvideo.links.signing-key") Optional<String> signingKey) {
        this.shortVideoDispatcher = shortVideoDispatcher;
        this.signingKey = signingKey;
    }

    void onStart(@Observes StartupEvent event) {
        problem(ConfigUtils.getProfiles(), shortVideoDispatcher, signingKey).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /** Why this process must not start, or empty. */
    static Optional<String> problem(List<String> profiles, boolean shortVideoDispatcher, Optional<String> signingKey) {
        boolean singleProcess = profiles.stream().anyMatch(SINGLE_PROCESS_PROFILES::contains);
        if (singleProcess || !shortVideoDispatcher || signingKey.filter(k -> !k.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the short-video dispatcher needs banditore.shortvideo.links.signing-key (BANDITORE_SHORTVIDEO_LINKS_SIGNING_KEY), "
                + "the same in every pod, from a Secret: without it, the video links it signs are refused by the other replicas");
    }
}
