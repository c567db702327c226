package io.banditore.channel.x;

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

/** The X API v2 (https://docs.x.com/x-api/posts/creation-of-a-post), base URL from quarkus.rest-client.x.url. */
@RegisterRestClient(configKey = "x")
public interface XApi {

    @POST
    @Path("/2/tweets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> createPost(@HeaderParam("Authorization") String authorization, CreatePost post);

    /** POST /2/tweets body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatePost(String text, Reply reply) {
    }

    record Reply(@JsonProperty("in_reply_to_tweet_id") String inReplyToTweetId) {
    }
}
