package io.banditore.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Instagram's media containers and their status_code, as the Graph API's content publishing has them: each
 * POST /{ig-user-id}/media makes a container of its own, IN_PROGRESS when first read and FINISHED after (ERROR, with
 * Instagram's error code, when its caption holds [sandbox:ig-error]); media_publish publishes a FINISHED container
 * once (PUBLISHED from then on) and refuses any other; GET on a published media gives its permalink; an id the sandbox
 * never issued is refused as Instagram does. Applied to the Instagram stubs ("transformers": ["instagram-containers"]).
 */
public class InstagramContainers implements ResponseDefinitionTransformerV2 {

    private record Container(String caption, AtomicInteger reads, String[] state) {
    }

    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    /** Published media id to the shortcode of its permalink. */
    private final Map<String, String> media = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "instagram-containers";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        String[] segments = path.split("/");
        String last = segments[segments.length - 1];
        Map<String, String> form = form(request.getBodyAsString());
        if ("POST".equals(request.getMethod().getName()) && "media".equals(last)) {
            String id = "178" + digits(14);
            containers.put(id, new Container(form.getOrDefault("caption", ""), new AtomicInteger(), new String[] {"IN_PROGRESS"}));
            return json(200, Map.of("id", id));
        }
        if ("POST".equals(request.getMethod().getName()) && "media_publish".equals(last)) {
            Container container = containers.get(form.getOrDefault("creation_id", ""));
            if (container == null || !"FINISHED".equals(container.state()[0])) {
                return error(400, 9007, 2207027, "Media ID is not available", "The media is not ready for publishing, please wait for a moment");
            }
            container.state()[0] = "PUBLISHED";
            String id = "179" + digits(14);
            media.put(id, shortcode());
            return json(200, Map.of("id", id));
        }
        if (media.containsKey(last)) {
            return json(200, Map.of("permalink", "https://www.instagram.com/reel/" + media.get(last) + "/", "id", last));
        }
        Container container = containers.get(last);
        if (container == null) {
            return error(400, 100, 33, "Unsupported get request. Object with ID '" + last + "' does not exist", null);
        }
        if (container.reads().incrementAndGet() > 1 && "IN_PROGRESS".equals(container.state()[0])) {
            container.state()[0] = container.caption().contains("[sandbox:ig-error]") ? "ERROR" : "FINISHED";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", container.state()[0]);
        body.put("status", "ERROR".equals(container.state()[0]) ? "Error: Media upload has failed with error code 2207026"
                : container.state()[0].charAt(0) + container.state()[0].substring(1).toLowerCase().replace('_', ' '));
        body.put("id", last);
        return json(200, body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static ResponseDefinition error(int status, int code, int subcode, String message, String userMessage) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.put("error_subcode", subcode);
        if (userMessage != null) {
            error.put("error_user_msg", userMessage);
        }
        error.put("fbtrace_id", "Sandbox" + digits(12));
        return json(status, Map.of("error", error));
    }

    private static ResponseDefinition json(int status, Map<String, ?> body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Json.write(body)).build();
    }

    private static String shortcode() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder s = new StringBuilder("C");
        while (s.length() < 11) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        s.append(ThreadLocalRandom.current().nextInt(1, 10));
        while (s.length() < n) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
