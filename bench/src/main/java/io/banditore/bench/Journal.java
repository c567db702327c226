package io.banditore.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the providers received, from the sandbox's request journal: posts accepted per town, channel and text. A TikTok
 * post is a video/init the sandbox accepted whose publish id became a post: TikTok pulled its video (the sandbox's
 * /__admin/tiktok/publishes says PUBLISH_COMPLETE); a publish whose pull was refused never appears on TikTok.
 */
final class Journal {
    static final List<String> CHANNELS = List.of("telegram", "x", "shortvideo");
    private static final Pattern TOWN_IN_TOKEN = Pattern.compile("bench-(?:x-)?(c\\d{6})");
    private final Stack stack;

    Journal(Stack stack) {
        this.stack = stack;
    }

    record Posts(int posted, int neverPosted, Map<String, Integer> duplicates) {
    }

    /** Requests so far whose body carries {@code text} (whatever the answer), counted by the sandbox. */
    int requests(String text) throws Exception {
        String pattern = "{\"method\": \"POST\", \"bodyPatterns\": [{\"contains\": " + Stack.JSON.valueToTree(text) + "}]}";
        HttpResponse<String> answer = stack.http.send(HttpRequest.newBuilder(URI.create(stack.sandbox + "/__admin/requests/count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(pattern)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Stack.JSON.readTree(answer.body()).path("count").asInt();
    }

    Posts read(List<String> tags, List<String> towns) throws Exception {
        // (tag, channel, town) -> how often each text was accepted
        Map<String, Map<String, Integer>> accepted = new LinkedHashMap<>();
        JsonNode publishes = publishes();
        for (JsonNode event : events()) {
            JsonNode request = event.path("request");
            String channel = Stack.channelOf(request.path("url").asText());
            JsonNode response = event.path("response");
            int status = response.path("status").asInt();
            // The sandbox logs a fault it served (a reset connection, garbage) with status 200: nothing was accepted.
            if (channel == null || status < 200 || status > 299 || response.hasNonNull("fault")) {
                continue;
            }
            String body = request.path("body").asText();
            String tag = tags.stream().filter(body::contains).findFirst().orElse(null);
            String town = townOf(channel, request, body);
            if (tag == null || town == null) {
                continue;
            }
            if ("shortvideo".equals(channel) && !completed(publishes, response)) {
                continue;
            }
            JsonNode json = Stack.JSON.readTree(body);
            String text = "shortvideo".equals(channel) ? json.path("post_info").path("title").asText() : json.path("text").asText();
            accepted.computeIfAbsent(tag + "/" + channel + "/" + town, k -> new LinkedHashMap<>()).merge(text, 1, Integer::sum);
        }
        int never = 0;
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        for (String tag : tags) {
            for (String channel : CHANNELS) {
                for (String town : towns) {
                    Map<String, Integer> texts = accepted.get(tag + "/" + channel + "/" + town);
                    if (texts == null) {
                        never++;
                    } else if (texts.values().stream().anyMatch(c -> c > 1)) {
                        duplicates.merge(channel, 1, Integer::sum);
                    }
                }
            }
        }
        return new Posts(accepted.size(), never, duplicates);
    }

    private static String townOf(String channel, JsonNode request, String body) throws Exception {
        if ("telegram".equals(channel)) {
            String chat = Stack.JSON.readTree(body).path("chat_id").asText();
            return chat.startsWith("@comune") ? "c" + chat.substring("@comune".length()) : null;
        }
        Matcher m = TOWN_IN_TOKEN.matcher(request.path("headers").path("Authorization").asText());
        return m.find() ? m.group(1) : null;
    }

    /** Whether the publish id video/init answered became a post. */
    private static boolean completed(JsonNode publishes, JsonNode response) throws Exception {
        String publishId = Stack.JSON.readTree(response.path("body").asText("{}")).path("data").path("publish_id").asText("");
        return "PUBLISH_COMPLETE".equals(publishes.path(publishId).path("status").asText());
    }

    /** Waits until no TikTok publish is still fetching its video (a pull held by the link), at most {@code atMost}. */
    void awaitTikTokSettled(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            boolean processing = false;
            for (JsonNode publish : publishes()) {
                processing |= publish.path("status").asText().startsWith("PROCESSING");
            }
            if (!processing) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** The journal as the sandbox gave it, and TikTok's publish ids with their state, for anyone who wants to count again. */
    void save(Path file) throws Exception {
        Stack.JSON.writeValue(file.toFile(), events());
        Stack.JSON.writeValue(file.resolveSibling(file.getFileName().toString().replace("journal-", "tiktok-publishes-")).toFile(), publishes());
    }

    /** Every publish id the sandbox's TikTok issued: its status, title, token and what its video pull got. */
    private JsonNode publishes() throws Exception {
        HttpResponse<String> answer = stack.http.send(HttpRequest.newBuilder(URI.create(stack.sandbox + "/__admin/tiktok/publishes"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the sandbox's TikTok publishes answered " + answer.statusCode());
        }
        return Stack.JSON.readTree(answer.body()).path("publishes");
    }

    private JsonNode events() throws Exception {
        HttpResponse<String> answer = stack.http.send(HttpRequest.newBuilder(URI.create(stack.sandbox + "/__admin/requests"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the sandbox's journal answered " + answer.statusCode());
        }
        return Stack.JSON.readTree(answer.body()).path("requests");
    }
}
