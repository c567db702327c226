package io.banditore.channel.shortvideo.tiktok;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * The TikTok Content Posting API, Direct Post (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post):
 * creator_info/query, video/init, the media transfer to the upload_url it returns, status/fetch. Base URL from
 * quarkus.rest-client.tiktok.url; the upload goes to whatever URL TikTok gave.
 */
@RegisterRestClient(configKey = "tiktok")
public interface TikTokApi {

    String JSON_UTF8 = "application/json; charset=UTF-8";

    @POST
    @Path("/v2/post/publish/creator_info/query/")
    @Consumes(JSON_UTF8)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> creatorInfo(@HeaderParam("Authorization") String authorization);

    @POST
    @Path("/v2/post/publish/video/init/")
    @Consumes(JSON_UTF8)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> initVideo(@HeaderParam("Authorization") String authorization, VideoInit body);

    /** One chunk of a FILE_UPLOAD: PUT on the upload_url, its byte range in Content-Range. */
    @PUT
    @Consumes("video/mp4")
    Uni<Response> upload(@Url String uploadUrl, @HeaderParam("Content-Range") String contentRange, byte[] chunk);

    @POST
    @Path("/v2/post/publish/status/fetch/")
    @Consumes(JSON_UTF8)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> fetchStatus(@HeaderParam("Authorization") String authorization, StatusFetch body);

    record VideoInit(@JsonProperty("post_info") PostInfo postInfo, @JsonProperty("source_info") SourceInfo sourceInfo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostInfo(String title, @JsonProperty("privacy_level") String privacyLevel,
            @JsonProperty("disable_duet") boolean disableDuet, @JsonProperty("disable_comment") boolean disableComment,
            @JsonProperty("disable_stitch") boolean disableStitch,
            @JsonProperty("video_cover_timestamp_ms") Long videoCoverTimestampMs) {
    }

    /** FILE_UPLOAD with the video's size and its chunking, or PULL_FROM_URL with the video's URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceInfo(String source, @JsonProperty("video_size") Long videoSize, @JsonProperty("chunk_size") Long chunkSize,
            @JsonProperty("total_chunk_count") Integer totalChunkCount, @JsonProperty("video_url") String videoUrl) {

        public static SourceInfo fileUpload(ChunkPlan plan) {
            return new SourceInfo("FILE_UPLOAD", plan.videoSize(), plan.chunkSize(), plan.chunkCount(), null);
        }

        public static SourceInfo pullFromUrl(String url) {
            return new SourceInfo("PULL_FROM_URL", null, null, null, url);
        }
    }

    record StatusFetch(@JsonProperty("publish_id") String publishId) {
    }
}
