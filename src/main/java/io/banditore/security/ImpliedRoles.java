package io.banditore.security;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;

/**
 * Adds the roles a person's roles imply ({@link Roles#IMPLIES}) to every identity, a bearer token's or a dashboard
 * session's, and keeps the Banditore roles they were granted as {@link #GRANTED}, which is what they are shown.
 * Quarkus applies quarkus.http.auth.roles-mapping after every augmentor, and only once: a provider's role mapped to
 * operator would never reach viewer, so the mapping is applied here first too (applying it again adds nothing).
 */
@ApplicationScoped
public class ImpliedRoles implements SecurityIdentityAugmentor {

    /** The attribute holding the Banditore roles granted (by the token or provider, after the mapping), in the usual order. */
    public static final String GRANTED = "banditore.granted-roles";

    private final Map<String, List<String>> mapping;

    public ImpliedRoles(Config config) {
        this.mapping = config.unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class).auth().rolesMapping();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = new HashSet<>(identity.getRoles());
        identity.getRoles().forEach(role -> granted.addAll(mapping.getOrDefault(role, List.of())));
        List<String> banditore = Roles.ALL.stream().filter(granted::contains).toList();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(Roles.withImplied(granted))
                .addAttribute(GRANTED, banditore)
                .build());
    }

    /** The Banditore roles the person was granted, without those implied. */
    public static List<String> granted(SecurityIdentity identity) {
        List<String> granted = identity.getAttribute(GRANTED);
        return granted != null ? granted : Roles.ALL.stream().filter(identity::hasRole).toList();
    }
}
