package io.banditore.channel.telegram;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The Telegram Bot API (https://core.telegram.org/bots/api), base URL from quarkus.rest-client.telegram.url. */
@RegisterRestClient(configKey = "telegram")
public interface TelegramApi {

    @POST
    @Path("/bot{token}/sendMessage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> sendMessage(@PathParam("token") String token, SendMessage message);

    /** sendMessage's body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendMessage(
            @JsonProperty("chat_id") String chatId,
            String text,
            @JsonProperty("parse_mode") String parseMode,
            @JsonProperty("link_preview_options") LinkPreviewOptions linkPreviewOptions,
            @JsonProperty("reply_parameters") ReplyParameters replyParameters) {
    }

    record LinkPreviewOptions(@JsonProperty("is_disabled") boolean disabled) {
    }

    record ReplyParameters(@JsonProperty("message_id") long messageId,
            @JsonProperty("allow_sending_without_reply") boolean allowSendingWithoutReply) {
    }
}
