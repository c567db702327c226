package io.banditore.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * TikTok's publish ids and their state: each accepted video/init gets a publish id of its own, and status/fetch
 * reports that publish id's state (PUBLISH_COMPLETE with the post's id), or invalid_params for a publish id TikTok
 * never issued, as the Content Posting API does. Applied to those two stubs ("transformers": ["tiktok-publish-state"]).
 */
public class TikTokPublishState implements ResponseDefinitionTransformerV2 {

    /** Each issued publish id and the id of the public post it became. */
    private final Map<String, Long> published = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "tiktok-publish-state";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Map<?, ?> body;
        try {
            body = Json.read(serveEvent.getRequest().getBodyAsString(), Map.class);
        } catch (RuntimeException e) {
            return serveEvent.getResponseDefinition();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (serveEvent.getRequest().getUrl().contains("/status/fetch/")) {
            String publishId = String.valueOf(body.get("publish_id"));
            Long post = published.get(publishId);
            if (post == null) {
                return answer(400, null, "invalid_params", "The publish_id " + publishId + " does not exist.");
            }
            data.put("status", "PUBLISH_COMPLETE");
            data.put("publicaly_available_post_id", List.of(post));
            data.put("uploaded_bytes", ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));
            return answer(200, data, "ok", "");
        }
        String publishId = "v_pub_url~v2." + digits(19);
        published.put(publishId, Long.parseLong("7" + digits(18)));
        data.put("publish_id", publishId);
        Object source = body.get("source_info") instanceof Map<?, ?> info ? info.get("source") : null;
        if ("FILE_UPLOAD".equals(source)) {
            String baseUrl = serveEvent.getRequest().getAbsoluteUrl().replaceFirst("^(https?://[^/]+).*$", "$1");
            data.put("upload_url", baseUrl + "/upload/video/?upload_id=" + digits(19) + "&upload_token=" + digits(32));
        }
        return answer(200, data, "ok", "");
    }

    private static ResponseDefinition answer(int status, Map<String, Object> data, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (data != null) {
            body.put("data", data);
        }
        body.put("error", Map.of("code", code, "message", message, "log_id", "sandbox" + digits(20)));
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Json.write(body)).build();
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
