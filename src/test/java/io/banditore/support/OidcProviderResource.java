package io.banditore.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Quarkus's WireMock OpenID Connect provider (discovery, keys, a login form, the token and end-session endpoints),
 * with the service pointed at it. The API's tokens stay signed with this run's own key ({@link TokenKeysResource}):
 * the provider's signing key is used only for what it issues.
 */
public class OidcProviderResource extends OidcWiremockTestResource {

    /** The issuer Quarkus's test provider writes into its tokens. */
    public static final String ISSUER = System.getProperty("quarkus.test.oidc.token.issuer", "https://server.example.com");
    /** The provider's signing key, on the test class path. */
    public static final String SIGNING_KEY = "privateKey.jwk";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.remove("smallrye.jwt.sign.key.location");
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        return config;
    }
}
