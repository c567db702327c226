package io.banditore.channel.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** OAuth 1.0a signing against the worked example of X's "Creating a signature" documentation. */
class OAuth1SignerTest {

    // The example's keys and request, as the documentation gives them.
    private static final OAuth1Signer.Keys KEYS = new OAuth1Signer.Keys("xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    private static final String URL = "https://api.twitter.com/1.1/statuses/update.json";
    private static final Map<String, String> PARAMS = Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!",
            "include_entities", "true");
    private static final String NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
    private static final long TIMESTAMP = 1318622958;

    @Test
    void theDocumentedExampleGivesTheDocumentedSignature() {
        String header = OAuth1Signer.authorization("post", URL, PARAMS, KEYS, NONCE, TIMESTAMP);

        assertThat(header).startsWith("OAuth ")
                .contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
                .contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .contains("oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\"")
                .contains("oauth_signature_method=\"HMAC-SHA1\"")
                .contains("oauth_timestamp=\"1318622958\"")
                .contains("oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\"")
                .contains("oauth_version=\"1.0\"")
                // The request's own parameters are signed but travel in the request, not in the header.
                .doesNotContain("status=");
    }

    @Test
    void theBaseStringEncodesEveryParameterOnceAndTheWholeStringAgain() {
        Map<String, String> all = new java.util.TreeMap<>(PARAMS);
        all.put("oauth_consumer_key", KEYS.consumerKey());
        all.put("oauth_nonce", NONCE);
        all.put("oauth_signature_method", "HMAC-SHA1");
        all.put("oauth_timestamp", Long.toString(TIMESTAMP));
        all.put("oauth_token", KEYS.token());
        all.put("oauth_version", "1.0");

        assertThat(OAuth1Signer.baseString("POST", URL, all)).isEqualTo("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&"
                + "include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"
                + "%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521");
    }

    @Test
    void percentEncodingFollowsRfc3986() {
        assertThat(OAuth1Signer.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(OAuth1Signer.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(OAuth1Signer.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(OAuth1Signer.encode("☃")).isEqualTo("%E2%98%83");
        assertThat(OAuth1Signer.encode("a-b_c.d~e*")).isEqualTo("a-b_c.d~e%2A");
    }

    @Test
    void everyRequestHasItsOwnNonce() {
        String first = OAuth1Signer.authorization("POST", "https://api.x.com/2/tweets", Map.of(), KEYS);
        String second = OAuth1Signer.authorization("POST", "https://api.x.com/2/tweets", Map.of(), KEYS);
        assertThat(nonce(first)).isNotEqualTo(nonce(second)).matches("[A-Za-z0-9]{16,}");
    }

    private static String nonce(String header) {
        return header.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1");
    }
}
