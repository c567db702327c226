package io.banditore.channel.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Credentials;
import io.banditore.channel.Part;
import io.banditore.channel.ProviderAnswer;
import io.banditore.channel.RateLimit;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.directory.ChannelName;
import io.smallrye.mutiny.Uni;

/** Publishes to a town's Telegram channel through its bot (sendMessage, parse_mode HTML). */
@ApplicationScoped
public class TelegramChannel implements ChannelPublisher {

    private static final Logger LOG = Logger.getLogger(TelegramChannel.class);

    /** Credential key of the bot token in the target's secret. */
    public static final String TOKEN_KEY = "telegram-bot-token";

    private final TelegramApi api;
    private final TelegramRenderer renderer;
    private final Credentials credentials;
    private final TelegramConfig config;
    /** Groups upgraded to supergroups get a new chat id; once Telegram has said so, every send follows it. */
    private final Map<String, String> migratedChats = new ConcurrentHashMap<>();

    public TelegramChannel(@RestClient TelegramApi api, TelegramRenderer renderer, Credentials credentials, TelegramConfig config) {
        this.api = api;
        this.renderer = renderer;
        this.credentials = credentials;
        this.config = config;
    }

    @Override
    public String name() {
        return ChannelName.TELEGRAM;
    }

    @Override
    public List<Part> render(RenderRequest request) {
        return renderer.render(request);
    }

    @Override
    public List<RateLimit> limits(SendRequest request) {
        String chat = chatOf(request);
        return List.of(new RateLimit("telegram/chat/" + chat, config.perChatPerSecond(), Duration.ofSeconds(1)),
                new RateLimit("telegram/chat-minute/" + chat, config.perChatPerMinute(), Duration.ofMinutes(1)),
                new RateLimit("telegram/bot/" + request.account().credentials(), config.perBotPerSecond(), Duration.ofSeconds(1)));
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        var token = credentials.get(request.account().credentials(), TOKEN_KEY);
        if (token.isEmpty()) {
            return Uni.createFrom().item(new SendOutcome.Failed("no Telegram bot token in secret " + request.account().credentials()));
        }
        return send(token.get(), chatOf(request), request, true);
    }

    private Uni<SendOutcome> send(String token, String chat, SendRequest request, boolean mayFollowMigration) {
        // Only a first part replies (to the alert it updates or cancels); the parts after it simply follow.
        TelegramApi.ReplyParameters reply = request.part() == 1 && request.replyTo() != null
                ? new TelegramApi.ReplyParameters(Long.parseLong(request.replyTo()), true) : null;
        var message = new TelegramApi.SendMessage(chat, request.text(), "HTML", new TelegramApi.LinkPreviewOptions(true), reply);
        return api.sendMessage(token, message).chain(response -> {
            ProviderAnswer answer = ProviderAnswer.of(response);
            JsonNode body = answer.json();
            String migratedTo = body.path("parameters").path("migrate_to_chat_id").asText("");
            if (!migratedTo.isEmpty() && mayFollowMigration) {
                LOG.infof("Telegram chat %s became %s; following it", chat, migratedTo);
                migratedChats.put(request.account().chat(), migratedTo);
                // A second provider call: the delivery has the last word again.
                var stop = request.lastMoment().whyNot();
                if (stop.isPresent()) {
                    return Uni.createFrom().item((SendOutcome) new SendOutcome.Skipped(stop.get()));
                }
                return send(token, migratedTo, request, false);
            }
            return Uni.createFrom().item(outcome(answer, chat));
        });
    }

    private String chatOf(SendRequest request) {
        return migratedChats.getOrDefault(request.account().chat(), request.account().chat());
    }

    /** 429 waits retry_after; 5xx retries; any other refusal (403 blocked, 400 chat not found) is permanent. */
    private static SendOutcome outcome(ProviderAnswer answer, String chat) {
        int status = answer.status();
        JsonNode body = answer.json();
        if (status == 200 && body.path("ok").asBoolean(false) && body.path("result").hasNonNull("message_id")) {
            String id = body.path("result").path("message_id").asText();
            String url = chat.startsWith("@") ? "https://t.me/" + chat.substring(1) + "/" + id : null;
            return new SendOutcome.Sent(id, url);
        }
        String description = "Telegram " + body.path("error_code").asInt(status) + ": " + body.path("description").asText(answer.excerpt());
        if (status == 429) {
            return new SendOutcome.RetryLater(Duration.ofSeconds(body.path("parameters").path("retry_after").asLong(1)), description);
        }
        if (status >= 500 || status == 200) {
            // A 200 without a message id is not a post we can point to: ask again rather than claim it was sent.
            return new SendOutcome.RetryLater(Duration.ZERO, description);
        }
        return new SendOutcome.Failed(description);
    }
}
