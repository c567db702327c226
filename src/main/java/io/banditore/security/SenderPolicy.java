package io.banditore.security;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Senders;
import io.banditore.refusal.Forbidden;
import io.quarkus.security.identity.SecurityIdentity;

/** The CAP sender of an alert must be one its poster may use: an allow-list per user or group. */
@ApplicationScoped
public class SenderPolicy {

    private final Map<String, List<String>> allowed;

    public SenderPolicy(SenderConfig config) {
        this.allowed = config.allowedSenders();
    }

    /** A missing sender is left to validation, which names it with the other missing fields. */
    public void check(SecurityIdentity identity, String sender) {
        if (sender != null && !mayUse(identity, sender)) {
            throw new Forbidden(identity.getPrincipal().getName() + " may not post alerts as sender '" + sender + "'");
        }
    }

    public boolean mayUse(SecurityIdentity identity, String sender) {
        return allowed.entrySet().stream()
                .filter(e -> e.getKey().equals(identity.getPrincipal().getName()) || identity.hasRole(e.getKey()))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(pattern -> Senders.matches(pattern, sender));
    }
}
