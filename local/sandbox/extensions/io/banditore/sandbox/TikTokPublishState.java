package io.banditore.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * TikTok's publish ids and their state: each accepted video/init gets a publish id of its own, and status/fetch
 * reports that publish id's state, or invalid_params for a publish id TikTok never issued, as the Content Posting API
 * does. A PULL_FROM_URL post is what TikTok makes of it: shortly after answering, the sandbox really fetches video_url;
 * until the fetch is over the post is PROCESSING_DOWNLOAD, then PUBLISH_COMPLETE (with the post's id) when the fetch
 * got the video, FAILED (video_pull_failed) when it did not (refused, unreachable, timed out): a publish whose video
 * TikTok never got is never a post. A pull that gets no answer at all (the service down) is made again every second
 * for 90 s, so that a pull may come after a crashed service is back, the harder case for it. With -Dsandbox.tiktok.pull-accepts-unrendered=true, the service's 503 "No video"
 * (a stack that renders no video, as make chaos runs) counts as the video: the link let TikTok through to it. A
 * FILE_UPLOAD post is PUBLISH_COMPLETE from its init. GET /__admin/tiktok/publishes lists every publish id with its
 * state, title and token, for anyone who counts posts. Applied to the init and status stubs ("transformers":
 * ["tiktok-publish-state"]).
 */
public class TikTokPublishState implements ResponseDefinitionTransformerV2, AdminApiExtension {

    private static final Duration PULL_AFTER = Duration.ofMillis(100);
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(30);
    /** A pull that got no answer at all (the service down) is made again, every second, for this long: a late pull is the harder case. */
    private static final Duration PULL_RETRIES_FOR = Duration.ofSeconds(90);
    private static final boolean UNRENDERED_COUNTS = Boolean.getBoolean("sandbox.tiktok.pull-accepts-unrendered");

    /** One issued publish id: its title and token, the id of the post it became, and its state. */
    private static final class Publish {
        final String title;
        final String authorization;
        final long postId;
        volatile String status;
        volatile String failReason;
        volatile String pull;

        Publish(String title, String authorization, long postId, String status) {
            this.title = title;
            this.authorization = authorization;
            this.postId = postId;
            this.status = status;
        }
    }

    private final Map<String, Publish> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tiktok-pull");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String getName() {
        return "tiktok-publish-state";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, "/tiktok/publishes", (admin, serveEvent, pathParams) -> {
            Map<String, Object> all = new LinkedHashMap<>();
            published.forEach((id, p) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("status", p.status);
                one.put("title", p.title);
                one.put("authorization", p.authorization);
                if (p.failReason != null) {
                    one.put("fail_reason", p.failReason);
                }
                if (p.pull != null) {
                    one.put("pull", p.pull);
                }
                all.put(id, one);
            });
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(Json.write(Map.of("publishes", all))).build();
        });
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
            Publish post = published.get(publishId);
            if (post == null) {
                return answer(400, null, "invalid_params", "The publish_id " + publishId + " does not exist.");
            }
            data.put("status", post.status);
            if ("PUBLISH_COMPLETE".equals(post.status)) {
                data.put("publicaly_available_post_id", List.of(post.postId));
                data.put("uploaded_bytes", ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));
            } else {
                data.put("publicaly_available_post_id", List.of());
                if (post.failReason != null) {
                    data.put("fail_reason", post.failReason);
                }
            }
            return answer(200, data, "ok", "");
        }
        String publishId = "v_pub_url~v2." + digits(19);
        Map<?, ?> info = body.get("source_info") instanceof Map<?, ?> i ? i : Map.of();
        Object source = info.get("source");
        String title = body.get("post_info") instanceof Map<?, ?> post ? String.valueOf(post.get("title")) : "";
        String authorization = serveEvent.getRequest().getHeader("Authorization");
        boolean pull = "PULL_FROM_URL".equals(source);
        Publish publish = new Publish(title, authorization, Long.parseLong("7" + digits(18)), pull ? "PROCESSING_DOWNLOAD" : "PUBLISH_COMPLETE");
        published.put(publishId, publish);
        data.put("publish_id", publishId);
        if ("FILE_UPLOAD".equals(source)) {
            String baseUrl = serveEvent.getRequest().getAbsoluteUrl().replaceFirst("^(https?://[^/]+).*$", "$1");
            data.put("upload_url", baseUrl + "/upload/video/?upload_id=" + digits(19) + "&upload_token=" + digits(32));
        }
        if (pull) {
            String url = String.valueOf(info.get("video_url"));
            long giveUpAt = System.nanoTime() + PULL_RETRIES_FOR.toNanos();
            timer.schedule(() -> pull(publish, url, giveUpAt), PULL_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
        return answer(200, data, "ok", "");
    }

    /** TikTok's servers fetching the video: the post is made only when they get it. */
    private void pull(Publish publish, String url, long giveUpAt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(PULL_TIMEOUT).GET().build();
        } catch (RuntimeException e) {
            failed(publish, "not a URL");
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                if (System.nanoTime() < giveUpAt) {
                    publish.pull = "no answer yet, trying again";
                    timer.schedule(() -> pull(publish, url, giveUpAt), 1, TimeUnit.SECONDS);
                } else {
                    failed(publish, "no answer (" + error.getClass().getSimpleName() + ")");
                }
                return;
            }
            int status = response.statusCode();
            String text = new String(response.body(), StandardCharsets.UTF_8);
            boolean video = status == 200 && response.body().length > 0;
            boolean unrendered = UNRENDERED_COUNTS && status == 503 && text.contains("No video");
            if (video || unrendered) {
                publish.pull = status + (unrendered ? " (no video rendered; counted as got)" : ", " + response.body().length + " bytes");
                publish.status = "PUBLISH_COMPLETE";
            } else {
                failed(publish, String.valueOf(status));
            }
        });
    }

    private static void failed(Publish publish, String pull) {
        publish.pull = pull;
        publish.failReason = "video_pull_failed";
        publish.status = "FAILED";
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
