package io.banditore.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Dashboard sign-in on, against {@link OidcProviderResource}, with the roles in a claim of the provider's own naming
 * ({@code banditore_roles}): what an operator of the service configures for their organisation's provider.
 */
public class SignInProfile implements QuarkusTestProfile {

    public static final String CLIENT_ID = "banditore-dashboard";
    public static final String ROLE_CLAIM = "banditore_roles";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", "dashboard-client-secret-of-at-least-32-characters",
                "quarkus.oidc.roles.role-claim-path", ROLE_CLAIM);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderResource.class));
    }
}
