package io.banditore.channel.shortvideo.youtube;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * The YouTube Data API v3's videos.insert through the resumable upload protocol
 * (https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol): a POST that opens an upload
 * session (its URI in the Location header), PUTs of the video's bytes with Content-Range, and the empty PUT that asks
 * how much arrived (308 Resume Incomplete with a Range header). Base URL from quarkus.rest-client.youtube.url; the
 * session URI is whatever YouTube gave.
 */
@RegisterRestClient(configKey = "youtube")
public interface YouTubeApi {

    String JSON_UTF8 = "application/json; charset=UTF-8";

    @POST
    @Path("/upload/youtube/v3/videos")
    @Consumes(JSON_UTF8)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> startUpload(@HeaderParam("Authorization") String authorization, @QueryParam("uploadType") String uploadType,
            @QueryParam("part") String part, @HeaderParam("X-Upload-Content-Length") long length,
            @HeaderParam("X-Upload-Content-Type") String contentType, Video video);

    /** Bytes of the video, their place in Content-Range; or, empty with {@code bytes *}{@code /TOTAL}, the question how much arrived. */
    @PUT
    @Consumes("video/mp4")
    Uni<Response> upload(@Url String sessionUri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Content-Range") String contentRange, byte[] bytes);

    record Video(Snippet snippet, Status status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snippet(String title, String description, String categoryId, String defaultLanguage) {
    }

    record Status(String privacyStatus, @JsonProperty("selfDeclaredMadeForKids") boolean selfDeclaredMadeForKids) {
    }
}
