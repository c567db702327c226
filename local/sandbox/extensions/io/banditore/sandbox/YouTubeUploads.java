package io.banditore.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * YouTube's resumable upload sessions, as videos.insert has them: the POST opens a session for
 * X-Upload-Content-Length bytes (its URI in Location); each PUT with Content-Range adds its bytes and answers 308 with
 * the Range received so far, or, once the last byte is in, 200 with the video; an empty PUT with bytes *&#47;TOTAL
 * asks how much arrived. A session whose title holds [sandbox:interrupt] takes only half of its first PUT and answers
 * 503, as a dropped upload leaves it, so the client must ask and resume. Applied to the YouTube upload stubs
 * ("transformers": ["youtube-uploads"]).
 */
public class YouTubeUploads implements ResponseDefinitionTransformerV2 {

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final Pattern ASK = Pattern.compile("bytes \\*/(\\d+)");
    private static final Pattern UPLOAD_ID = Pattern.compile("[?&]upload_id=([^&]+)");

    private static final class Session {
        final long total;
        final boolean interrupt;
        final String title;
        long received;
        String videoId;

        Session(long total, boolean interrupt, String title) {
            this.total = total;
            this.interrupt = interrupt;
            this.title = title;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "youtube-uploads";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        if ("POST".equals(request.getMethod().getName())) {
            long total = parse(request.getHeader("X-Upload-Content-Length"));
            String title = "";
            try {
                Map<?, ?> video = Json.read(request.getBodyAsString(), Map.class);
                title = String.valueOf(((Map<?, ?>) video.get("snippet")).get("title"));
            } catch (RuntimeException e) {
                return error(400, "youtube.video", "invalidVideoMetadata", "The request metadata is invalid.");
            }
            if (total <= 0) {
                return error(400, "youtube.video", "badContent", "X-Upload-Content-Length is required.");
            }
            String id = "sandbox" + random(24);
            sessions.put(id, new Session(total, title.contains("[sandbox:interrupt]"), title));
            String base = request.getAbsoluteUrl().replaceFirst("^(https?://[^/]+).*$", "$1");
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Location", base + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=" + id)
                    .withHeader("X-GUploader-UploadID", id).build();
        }
        Matcher idMatch = UPLOAD_ID.matcher(request.getUrl());
        Session session = idMatch.find() ? sessions.get(idMatch.group(1)) : null;
        if (session == null) {
            return error(404, "global", "notFound", "The upload session does not exist or has expired.");
        }
        synchronized (session) {
            if (session.videoId != null) {
                return video(session);
            }
            String contentRange = String.valueOf(request.getHeader("Content-Range"));
            if (ASK.matcher(contentRange).matches()) {
                return incomplete(session);
            }
            Matcher range = RANGE.matcher(contentRange);
            if (!range.matches() || Long.parseLong(range.group(1)) != session.received) {
                return incomplete(session);
            }
            long length = request.getBody() == null ? 0 : request.getBody().length;
            if (session.interrupt && session.received == 0) {
                session.received = length / 2;
                return new ResponseDefinitionBuilder().withStatus(503).withBody("Service Unavailable").build();
            }
            session.received += length;
            if (session.received >= session.total) {
                session.videoId = random(11);
                return video(session);
            }
            return incomplete(session);
        }
    }

    private static ResponseDefinition incomplete(Session session) {
        var answer = new ResponseDefinitionBuilder().withStatus(308);
        if (session.received > 0) {
            answer.withHeader("Range", "bytes=0-" + (session.received - 1));
        }
        return answer.build();
    }

    private static ResponseDefinition video(Session session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "youtube#video");
        body.put("id", session.videoId);
        body.put("snippet", Map.of("title", session.title, "categoryId", "25"));
        body.put("status", Map.of("uploadStatus", "uploaded", "privacyStatus", "public"));
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Json.write(body)).build();
    }

    private static ResponseDefinition error(int status, String domain, String reason, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("message", message);
        error.put("errors", java.util.List.of(Map.of("message", message, "domain", domain, "reason", reason)));
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Json.write(Map.of("error", error))).build();
    }

    private static long parse(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String random(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder s = new StringBuilder(n);
        while (s.length() < n) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
