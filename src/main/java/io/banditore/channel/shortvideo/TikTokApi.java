package io.banditore.channel.shortvideo;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * The TikTok Content Posting API (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post),
 * base URL from quarkus.rest-client.tiktok.url.
 */
@RegisterRestClient(configKey = "tiktok")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TikTokApi {

    @POST
    @Path("/v2/post/publish/creator_info/query/")
    Uni<Response> creatorInfo(@HeaderParam("Authorization") String authorization);

    @POST
    @Path("/v2/post/publish/video/init/")
    Uni<Response> initVideo(@HeaderParam("Authorization") String authorization, VideoInit body);

    @POST
    @Path("/v2/post/publish/status/fetch/")
    Uni<Response> fetchStatus(@HeaderParam("Authorization") String authorization, StatusFetch body);

    record VideoInit(@JsonProperty("post_info") PostInfo postInfo, @JsonProperty("source_info") SourceInfo sourceInfo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostInfo(String title, @JsonProperty("privacy_level") String privacyLevel,
            @JsonProperty("disable_duet") boolean disableDuet, @JsonProperty("disable_comment") boolean disableComment,
            @JsonProperty("disable_stitch") boolean disableStitch) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceInfo(String source, @JsonProperty("video_url") String videoUrl) {
    }

    record StatusFetch(@JsonProperty("publish_id") String publishId) {
    }
}
