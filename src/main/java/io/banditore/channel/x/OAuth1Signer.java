package io.banditore.channel.x;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a user-context signing (HMAC-SHA1), as X documents it in "Creating a signature": every parameter of the
 * request (query and form body; a JSON body is not signed) and the oauth_* parameters, percent-encoded per RFC 3986.
 */
public final class OAuth1Signer {

    /** An app's consumer key and secret, and the user's access token and secret. */
    public record Keys(String consumerKey, String consumerSecret, String token, String tokenSecret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuth1Signer() {
    }

    /** The Authorization header of a request, with a fresh nonce and the current time. */
    public static String authorization(String method, String url, Map<String, String> requestParams, Keys keys) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        return authorization(method, url, requestParams, keys,
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce).replaceAll("[^A-Za-z0-9]", ""),
                System.currentTimeMillis() / 1000);
    }

    static String authorization(String method, String url, Map<String, String> requestParams, Keys keys, String nonce, long timestamp) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", keys.consumerKey());
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(timestamp));
        oauth.put("oauth_token", keys.token());
        oauth.put("oauth_version", "1.0");
        Map<String, String> all = new TreeMap<>(requestParams);
        all.putAll(oauth);
        oauth.put("oauth_signature", signature(method, url, all, keys.consumerSecret(), keys.tokenSecret()));
        return "OAuth " + oauth.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    static String signature(String method, String url, Map<String, String> params, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString(method, url, params).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    static String baseString(String method, String url, Map<String, String> params) {
        String parameterString = params.entrySet().stream()
                .map(e -> Map.entry(encode(e.getKey()), encode(e.getValue())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return method.toUpperCase(java.util.Locale.ROOT) + "&" + encode(url) + "&" + encode(parameterString);
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
