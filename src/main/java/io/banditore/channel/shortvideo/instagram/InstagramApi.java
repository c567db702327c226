package io.banditore.channel.shortvideo.instagram;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The Instagram Graph API's content publishing (https://developers.facebook.com/docs/instagram-platform/content-publishing):
 * the account's publishing limit, a REELS media container made from a video URL, the container's status_code, and
 * media_publish; then the Reel's permalink. The user access token goes in the Authorization header, never in a URL.
 * Base URL from quarkus.rest-client.instagram.url.
 */
@RegisterRestClient(configKey = "instagram")
public interface InstagramApi {

    @GET
    @Path("/{version}/{igUserId}/content_publishing_limit")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> publishingLimit(@HeaderParam("Authorization") String authorization, @PathParam("version") String version,
            @PathParam("igUserId") String igUserId, @QueryParam("fields") String fields);

    @POST
    @Path("/{version}/{igUserId}/media")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> createContainer(@HeaderParam("Authorization") String authorization, @PathParam("version") String version,
            @PathParam("igUserId") String igUserId, @FormParam("media_type") String mediaType, @FormParam("video_url") String videoUrl,
            @FormParam("caption") String caption, @FormParam("share_to_feed") boolean shareToFeed);

    @GET
    @Path("/{version}/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> fields(@HeaderParam("Authorization") String authorization, @PathParam("version") String version,
            @PathParam("id") String id, @QueryParam("fields") String fields);

    @POST
    @Path("/{version}/{igUserId}/media_publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> publish(@HeaderParam("Authorization") String authorization, @PathParam("version") String version,
            @PathParam("igUserId") String igUserId, @FormParam("creation_id") String creationId);
}
