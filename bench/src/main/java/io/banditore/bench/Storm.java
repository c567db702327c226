package io.banditore.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/**
 * Every provider answering 429 with a retry-after for 20 s, then 5xx for 10 s, then not answering in time (and
 * not posting) for 20 s, then resetting connections for 10 s, then normal again: stubs over the sandbox's own.
 */
final class Storm {
    private static final Map<String, String> POSTS = Map.of("telegram", "/bot[^/]+/sendMessage", "x", "/2/tweets",
            "shortvideo", "/v2/post/publish/(inbox/)?video/init/");
    private final Stack stack;

    Storm(Stack stack) {
        this.stack = stack;
    }

    void strike() throws Exception {
        phase(20, channel -> switch (channel) {
            case "telegram" -> answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\",\"parameters\":{\"retry_after\":5}}", "");
            case "x" -> answer(429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}",
                    ", \"x-rate-limit-remaining\": \"0\", \"x-rate-limit-reset\": \"{{now offset='5 seconds' format='unix'}}\"");
            default -> answer(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"API rate limit exceeded\",\"log_id\":\"chaos\"}}", "");
        });
        phase(10, channel -> answer(503, "telegram".equals(channel) ? "{\"ok\":false,\"error_code\":503,\"description\":\"Service Unavailable\"}"
                : "{\"title\":\"Service Unavailable\",\"status\":503}", ""));
        // Longer than the service's read timeout (15 s), and nothing posted.
        phase(20, channel -> "{\"status\": 504, \"fixedDelayMilliseconds\": 16000}");
        phase(10, channel -> "{\"fault\": \"CONNECTION_RESET_BY_PEER\"}");
    }

    private static String answer(int status, String body, String headers) {
        return "{\"status\": " + status + ", \"headers\": {\"Content-Type\": \"application/json\", \"Retry-After\": \"5\"" + headers + "}, \"body\": "
                + Stack.JSON.valueToTree(body) + "}";
    }

    private void phase(int seconds, java.util.function.Function<String, String> response) throws Exception {
        List<String> ids = new ArrayList<>();
        for (var post : POSTS.entrySet()) {
            String mapping = "{\"priority\": 1, \"request\": {\"method\": \"POST\", \"urlPathPattern\": \"" + post.getValue() + "\"}, \"response\": "
                    + response.apply(post.getKey()) + "}";
            HttpResponse<String> made = stack.http.send(HttpRequest.newBuilder(URI.create(stack.sandbox + "/__admin/mappings"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(mapping)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (made.statusCode() != 201) {
                throw new IllegalStateException("the sandbox refused a storm stub: " + made.statusCode() + " " + made.body());
            }
            ids.add(Stack.JSON.readTree(made.body()).path("id").asText());
        }
        Thread.sleep(seconds * 1000L);
        for (String id : ids) {
            stack.http.send(HttpRequest.newBuilder(URI.create(stack.sandbox + "/__admin/mappings/" + id)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
