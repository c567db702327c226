package io.banditore.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * X refuses a post whose text the same account already posted within its window: 403 "duplicate content", as X API
 * v2 answers. Applied to the sandbox's create-post stub only ("transformers": ["x-duplicate-content"]); the window is
 * -Dsandbox.x.duplicate-window=PT24H (ISO-8601). The account is the user token of the Authorization header.
 */
public class XDuplicateContent implements ResponseDefinitionTransformerV2 {

    private static final Pattern OAUTH_TOKEN = Pattern.compile("oauth_token=\"([^\"]*)\"");

    private final Duration window = Duration.parse(System.getProperty("sandbox.x.duplicate-window", "PT24H"));
    /** When each (account, text) was last accepted, in epoch milliseconds. */
    private final Map<String, Long> posted = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "x-duplicate-content";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String text;
        try {
            Object value = Json.read(request.getBodyAsString(), Map.class).get("text");
            text = value == null ? "" : value.toString();
        } catch (Exception e) {
            return serveEvent.getResponseDefinition();
        }
        String key = account(request.getHeader("Authorization")) + "\n" + text;
        long now = System.currentTimeMillis();
        boolean[] duplicate = { false };
        posted.compute(key, (k, at) -> {
            if (at != null && now - at < window.toMillis()) {
                duplicate[0] = true;
                return at;
            }
            return now;
        });
        if (!duplicate[0]) {
            return serveEvent.getResponseDefinition();
        }
        return new ResponseDefinitionBuilder().withStatus(403).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\","
                        + "\"title\":\"Forbidden\",\"status\":403}")
                .build();
    }

    private static String account(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher oauth = OAUTH_TOKEN.matcher(authorization);
        return oauth.find() ? oauth.group(1) : authorization;
    }
}
