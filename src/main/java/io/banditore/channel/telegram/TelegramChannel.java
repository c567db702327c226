package io.banditore.channel.telegram;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.alert.Alert;
import io.banditore.channel.ChannelName;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.routing.Target;
import io.smallrye.mutiny.Uni;

/** Publishes to a town's Telegram channel through its bot (sendMessage, parse_mode HTML). */
@ApplicationScoped
public class TelegramChannel implements ChannelPublisher {

    /** Credential key of the bot token in the target's secret. */
    public static final String TOKEN_KEY = "telegram-bot-token";

    private final TelegramApi api;
    private final TelegramRenderer renderer;
    private final Credentials credentials;

    public TelegramChannel(@RestClient TelegramApi api, TelegramRenderer renderer, Credentials credentials) {
        this.api = api;
        this.renderer = renderer;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return ChannelName.TELEGRAM;
    }

    @Override
    public List<String> render(Alert alert, Target target) {
        return renderer.render(alert, target);
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        if (token.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Failed("no Telegram bot token in secret " + request.account().credentials()));
        }
        String chat = request.account().chat();
        TelegramApi.ReplyParameters reply = request.replyTo() == null ? null
                : new TelegramApi.ReplyParameters(Long.parseLong(request.replyTo()), true);
        var message = new TelegramApi.SendMessage(chat, request.text(), "HTML", new TelegramApi.LinkPreviewOptions(true), reply);
        return api.sendMessage(token.get(), message).map(response -> outcome(response, chat));
    }

    private static SendOutcome outcome(Response response, String chat) {
        try (response) {
            JsonNode body = response.readEntity(JsonNode.class);
            if (body.path("ok").asBoolean(false)) {
                String id = body.path("result").path("message_id").asText();
                String url = chat.startsWith("@") ? "https://t.me/" + chat.substring(1) + "/" + id : null;
                return new SendOutcome.Sent(id, url);
            }
            String description = "Telegram " + body.path("error_code").asInt(response.getStatus()) + ": " + body.path("description").asText("no description");
            if (response.getStatus() == 429) {
                return new SendOutcome.RetryLater(Duration.ofSeconds(body.path("parameters").path("retry_after").asLong(1)), description);
            }
            if (response.getStatus() >= 500) {
                return new SendOutcome.RetryLater(Duration.ZERO, description);
            }
            return new SendOutcome.Failed(description);
        }
    }
}
