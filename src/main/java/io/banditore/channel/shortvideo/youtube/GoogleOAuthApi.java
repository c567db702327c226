package io.banditore.channel.shortvideo.youtube;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** Google's OAuth 2.0 token endpoint: a refresh token exchanged for an access token. Base URL from quarkus.rest-client.google-oauth.url. */
@RegisterRestClient(configKey = "google-oauth")
public interface GoogleOAuthApi {

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> token(@FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @FormParam("refresh_token") String refreshToken, @FormParam("grant_type") String grantType);
}
