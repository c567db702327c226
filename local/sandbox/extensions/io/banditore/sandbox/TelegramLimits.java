package io.banditore.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Telegram's flood control (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this): through
 * one bot, 30 messages a second across its chats; to one chat, one a second and 20 a minute. A message over any of
 * them is refused with 429 and the seconds to wait in parameters.retry_after, as the Bot API answers, and does not
 * count. Each limit is a bucket of N messages refilled at N per period, so a burst of N passes and then the rate;
 * -Dsandbox.telegram.per-bot-per-second, -Dsandbox.telegram.per-chat-per-second and
 * -Dsandbox.telegram.per-chat-per-minute change them. Applied to the sandbox's sendMessage and editMessageText stubs
 * ("transformers": ["telegram-limits"]); the bot is the token in the path, the chat the body's chat_id.
 */
public class TelegramLimits implements ResponseDefinitionTransformerV2 {

    private static final Pattern BOT = Pattern.compile("^/bot([^/]+)/");

    private final Limit perBot = new Limit(Integer.getInteger("sandbox.telegram.per-bot-per-second", 30), 1_000);
    private final Limit perChat = new Limit(Integer.getInteger("sandbox.telegram.per-chat-per-second", 1), 1_000);
    private final Limit perChatMinute = new Limit(Integer.getInteger("sandbox.telegram.per-chat-per-minute", 20), 60_000);
    /** Every bucket by limit and key; the lock is this object, so that a message takes from all three or from none. */
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "telegram-limits";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Matcher bot = BOT.matcher(request.getUrl());
        String chat;
        try {
            Object value = Json.read(request.getBodyAsString(), Map.class).get("chat_id");
            chat = value == null ? "" : value.toString();
        } catch (Exception e) {
            return serveEvent.getResponseDefinition();
        }
        if (!bot.find()) {
            return serveEvent.getResponseDefinition();
        }
        double waitMillis = take(System.nanoTime() / 1e6, "bot " + bot.group(1), "chat " + bot.group(1) + " " + chat);
        if (waitMillis <= 0) {
            return serveEvent.getResponseDefinition();
        }
        long retryAfter = Math.max(1, (long) Math.ceil(waitMillis / 1000));
        return new ResponseDefinitionBuilder().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + retryAfter
                        + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}")
                .build();
    }

    /** Takes one message from the bot's and the chat's buckets (0), or none and says how long until all can give. */
    private synchronized double take(double nowMillis, String botKey, String chatKey) {
        double[] bot = bucket(perBot, botKey, nowMillis);
        double[] chat = bucket(perChat, chatKey, nowMillis);
        double[] chatMinute = bucket(perChatMinute, chatKey, nowMillis);
        double wait = Math.max(perBot.wait(bot), Math.max(perChat.wait(chat), perChatMinute.wait(chatMinute)));
        if (wait <= 0) {
            bot[0]--;
            chat[0]--;
            chatMinute[0]--;
        }
        return wait;
    }

    /** The bucket {tokens, at} refilled up to now. */
    private double[] bucket(Limit limit, String key, double nowMillis) {
        double[] bucket = buckets.computeIfAbsent(limit.periodMillis + "/" + limit.permits + " " + key,
                k -> new double[] { limit.permits, nowMillis });
        bucket[0] = Math.min(limit.permits, bucket[0] + (nowMillis - bucket[1]) * limit.permits / limit.periodMillis);
        bucket[1] = nowMillis;
        return bucket;
    }

    private record Limit(int permits, double periodMillis) {

        /** Milliseconds until the bucket holds one message, 0 if it does. */
        double wait(double[] bucket) {
            return bucket[0] >= 1 ? 0 : (1 - bucket[0]) * periodMillis / permits;
        }
    }
}
