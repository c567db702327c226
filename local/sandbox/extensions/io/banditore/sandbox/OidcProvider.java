package io.banditore.sandbox;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A local OpenID Connect provider for `make run OIDC=true`: whoever signs in on its form is who they say, with the
 * roles they tick, as an organisation's provider would say after checking a password. It issues RS256 ID tokens
 * signed with the local key ({@code -Dsandbox.oidc.key}, .work/jwt/private.pem) and publishes that key; the
 * authorization code carries the PKCE challenge, and the token endpoint refuses a code_verifier that does not match
 * it, as a real provider does. Applied to the jwks, login and token stubs ("transformers": ["oidc-provider"]).
 * For local use only: codes are not secret and anyone may sign in as anyone.
 */
public class OidcProvider implements ResponseDefinitionTransformerV2 {

    private static final Set<String> ROLES = Set.of("operator", "approver", "viewer", "admin");
    private static final String KEY_ID = "banditore-local";
    private static final long TOKEN_SECONDS = 8 * 3600;
    private static final long CODE_SECONDS = 120;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @Override
    public String getName() {
        return "oidc-provider";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        try {
            if (path.endsWith("/jwks")) {
                return json(200, Map.of("keys", List.of(publicJwk())));
            }
            if (path.endsWith("/login")) {
                return login(request);
            }
            if (path.endsWith("/token")) {
                return token(request);
            }
        } catch (BadRequest e) {
            return json(400, Map.of("error", e.error, "error_description", e.getMessage()));
        } catch (Exception e) {
            return json(500, Map.of("error", "server_error", "error_description", "the local provider failed: " + e.getClass().getSimpleName()));
        }
        return serveEvent.getResponseDefinition();
    }

    /** The sign-in form's answer: back to the service with a code that says who signed in and the PKCE challenge. */
    private ResponseDefinition login(Request request) throws BadRequest {
        Map<String, List<String>> query = form(request.getUrl().contains("?") ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "");
        String user = one(query, "user");
        if (!user.matches("[A-Za-z0-9._@+-]{1,64}")) {
            throw new BadRequest("invalid_request", "the user name may hold letters, digits and . _ @ + - (at most 64)");
        }
        List<String> roles = query.getOrDefault("role", List.of()).stream().filter(ROLES::contains).distinct().toList();
        String redirectUri = one(query, "redirect_uri");
        if (!redirectUri.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?/.*")) {
            throw new BadRequest("invalid_request", "this local provider sends people back to this machine only");
        }
        Map<String, Object> code = new LinkedHashMap<>();
        code.put("user", user);
        code.put("roles", roles);
        code.put("redirect_uri", redirectUri);
        code.put("code_challenge", first(query, "code_challenge"));
        code.put("nonce", first(query, "nonce"));
        code.put("exp", Instant.now().getEpochSecond() + CODE_SECONDS);
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "state=" + encode(one(query, "state"))
                + "&code=" + B64URL.encodeToString(Json.write(code).getBytes(StandardCharsets.UTF_8));
        return new ResponseDefinitionBuilder().withStatus(302).withHeader("Location", location).build();
    }

    /** The authorization code for an ID token and an access token, after checking the PKCE code verifier. */
    private ResponseDefinition token(Request request) throws Exception {
        Map<String, List<String>> body = form(request.getBodyAsString());
        if (!"authorization_code".equals(first(body, "grant_type"))) {
            throw new BadRequest("unsupported_grant_type", "this local provider grants authorization codes only");
        }
        Map<?, ?> code;
        try {
            code = Json.read(new String(Base64.getUrlDecoder().decode(one(body, "code")), StandardCharsets.UTF_8), Map.class);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid_grant", "not a code this provider gave");
        }
        if (((Number) code.get("exp")).longValue() < Instant.now().getEpochSecond()) {
            throw new BadRequest("invalid_grant", "the code has expired");
        }
        if (!String.valueOf(code.get("redirect_uri")).equals(first(body, "redirect_uri"))) {
            throw new BadRequest("invalid_grant", "redirect_uri differs from the one the code was given for");
        }
        Object challenge = code.get("code_challenge");
        if (challenge != null) {
            String verifier = first(body, "code_verifier");
            String computed = verifier == null ? null
                    : B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            if (!challenge.equals(computed)) {
                throw new BadRequest("invalid_grant", "the PKCE code_verifier does not match the code_challenge");
            }
        }
        String clientId = clientId(request, body);
        String issuer = request.getAbsoluteUrl().replaceFirst("/token(\\?.*)?$", "");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", code.get("user"));
        claims.put("preferred_username", code.get("user"));
        claims.put("aud", clientId);
        claims.put("groups", code.get("roles"));
        claims.put("iat", now);
        claims.put("exp", now + TOKEN_SECONDS);
        claims.put("sid", UUID.randomUUID().toString());
        if (code.get("nonce") != null) {
            claims.put("nonce", code.get("nonce"));
        }
        String idToken = sign(claims);
        claims.remove("nonce");
        claims.put("typ", "Bearer");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", sign(claims));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", TOKEN_SECONDS);
        answer.put("id_token", idToken);
        answer.put("scope", "openid profile");
        return json(200, answer);
    }

    /** client_secret_basic (what Quarkus sends) or client_secret_post; any client and secret are taken. */
    private static String clientId(Request request, Map<String, List<String>> body) throws BadRequest {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            return URLDecoder.decode(pair.substring(0, Math.max(pair.indexOf(':'), 0)), StandardCharsets.UTF_8);
        }
        return one(body, "client_id");
    }

    private String sign(Map<String, Object> claims) throws Exception {
        String header = B64URL.encodeToString(Json.write(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)).getBytes(StandardCharsets.UTF_8));
        String payload = B64URL.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + B64URL.encodeToString(rsa.sign());
    }

    private Map<String, Object> publicJwk() throws Exception {
        RSAPrivateCrtKey key = key();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", KEY_ID);
        jwk.put("n", B64URL.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", B64URL.encodeToString(unsigned(key.getPublicExponent())));
        return jwk;
    }

    /** Read at each use: `make run` creates the key before it starts the sandbox, and `make clean` may remove it. */
    private static RSAPrivateCrtKey key() throws Exception {
        String pem = Files.readString(Path.of(System.getProperty("sandbox.oidc.key", ".work/jwt/private.pem")));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Map<String, List<String>> form(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            values.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() || all.get(0).isEmpty() ? null : all.get(0);
    }

    private static String one(Map<String, List<String>> values, String name) throws BadRequest {
        String value = first(values, name);
        if (value == null) {
            throw new BadRequest("invalid_request", name + " is missing");
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ResponseDefinition json(int status, Object body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store").withBody(Json.write(body)).build();
    }

    private static final class BadRequest extends Exception {
        final String error;

        BadRequest(String error, String description) {
            super(description);
            this.error = error;
        }
    }
}
