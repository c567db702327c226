package io.banditore.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.client.WireMock;

/** Clients of the WireMock servers that stand in for the providers, found through the application's configuration. */
public final class Providers {

    static final List<String> NAMES = List.of("telegram", "x", "tiktok", "instagram", "youtube", "google-oauth");

    public static WireMock telegram() {
        return client("telegram");
    }

    public static WireMock x() {
        return client("x");
    }

    public static WireMock tiktok() {
        return client("tiktok");
    }

    public static WireMock instagram() {
        return client("instagram");
    }

    public static WireMock youtube() {
        return client("youtube");
    }

    public static WireMock googleOAuth() {
        return client("google-oauth");
    }

    /** Each provider accepts every call, answering with the bodies its documentation shows. */
    public static void answerAsProvidersDo() {
        telegram().register(post(urlPathMatching("/bot[^/]+/sendMessage")).willReturn(okJson("""
                {"ok":true,"result":{"message_id":4242,"date":1706000000,"chat":{"id":-1001234567890,"type":"channel","username":"comunechivasso"},"text":"x"}}""")));
        x().register(post(urlEqualTo("/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1749000000000000001\",\"text\":\"x\",\"edit_history_tweet_ids\":[\"1749000000000000001\"]}}")));
        tiktok().register(post(urlEqualTo("/v2/post/publish/creator_info/query/")).willReturn(okJson("""
                {"data":{"creator_username":"comunedichivasso","privacy_level_options":["MUTUAL_FOLLOW_FRIENDS","PUBLIC_TO_EVERYONE","SELF_ONLY"],"comment_disabled":false,"duet_disabled":false,"stitch_disabled":true,"max_video_post_duration_sec":300},"error":{"code":"ok","message":"","log_id":"1"}}""")));
        tiktok().register(post(urlEqualTo("/v2/post/publish/video/init/")).willReturn(okJson("""
                {"data":{"publish_id":"v_pub_url~v2.7300000000000000001"},"error":{"code":"ok","message":"","log_id":"2"}}""")));
        // A FILE_UPLOAD gets an upload_url, here on the same stub, which takes the chunks.
        tiktok().register(post(urlEqualTo("/v2/post/publish/video/init/")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.source_info.source", WireMock.equalTo("FILE_UPLOAD"))).willReturn(okJson("""
                {"data":{"publish_id":"v_pub_url~v2.7300000000000000001","upload_url":"%s/upload/video/?upload_id=7300000000000000003&upload_token=test-upload"},"error":{"code":"ok","message":"","log_id":"2"}}"""
                .formatted(baseUrl("tiktok")))));
        tiktok().register(put(urlPathEqualTo("/upload/video/")).willReturn(aResponse().withStatus(201)));
        tiktok().register(post(urlEqualTo("/v2/post/publish/status/fetch/")).willReturn(okJson("""
                {"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7300000000000000002]},"error":{"code":"ok","message":"","log_id":"3"}}""")));
        // Instagram: room in the publishing limit, a container that is FINISHED when first asked, a published Reel.
        instagram().register(get(urlPathMatching("/v[0-9.]+/[0-9]+/content_publishing_limit")).willReturn(okJson("""
                {"data":[{"config":{"quota_total":100,"quota_duration":86400},"quota_usage":2}]}""")));
        instagram().register(post(urlPathMatching("/v[0-9.]+/[0-9]+/media")).willReturn(okJson("{\"id\":\"17890000000000001\"}")));
        instagram().register(get(urlPathMatching("/v[0-9.]+/17890000000000001")).willReturn(okJson("""
                {"status_code":"FINISHED","status":"Finished","id":"17890000000000001"}""")));
        instagram().register(post(urlPathMatching("/v[0-9.]+/[0-9]+/media_publish")).willReturn(okJson("{\"id\":\"17920000000000001\"}")));
        instagram().register(get(urlPathMatching("/v[0-9.]+/17920000000000001")).willReturn(okJson("""
                {"permalink":"https://www.instagram.com/reel/C1verona/","id":"17920000000000001"}""")));
        // YouTube: an access token for the refresh token, an upload session, the video once its bytes arrive.
        googleOAuth().register(post(urlEqualTo("/token")).willReturn(okJson("""
                {"access_token":"ya29.test-access","expires_in":3599,"scope":"https://www.googleapis.com/auth/youtube.upload","token_type":"Bearer"}""")));
        youtube().register(post(urlPathEqualTo("/upload/youtube/v3/videos")).willReturn(aResponse().withStatus(200)
                .withHeader("Location", baseUrl("youtube") + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=test-session")));
        youtube().register(put(urlPathEqualTo("/upload/youtube/v3/videos")).willReturn(okJson("""
                {"kind":"youtube#video","id":"ytShort00001","status":{"uploadStatus":"uploaded","privacyStatus":"public"}}""")));
    }

    public static void resetAll() {
        NAMES.forEach(n -> client(n).resetToDefaultMappings());
        NAMES.forEach(n -> client(n).resetRequests());
    }

    private static WireMock client(String provider) {
        URI url = URI.create(baseUrl(provider));
        return new WireMock(url.getHost(), url.getPort());
    }

    /** Where the application reaches this provider's stub. */
    public static String baseUrl(String provider) {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client." + provider + ".url", String.class);
    }

    private Providers() {
    }
}
