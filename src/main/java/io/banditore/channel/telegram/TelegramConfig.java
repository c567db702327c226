package io.banditore.channel.telegram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The pace Telegram allows (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
@ConfigMapping(prefix = "banditore.telegram")
public interface TelegramConfig {

    /** Messages per second to one chat. */
    @WithDefault("1")
    int perChatPerSecond();

    /** Messages per minute to one group or channel. */
    @WithDefault("20")
    int perChatPerMinute();

    /** Messages per second through one bot, across all its chats. */
    @WithDefault("30")
    int perBotPerSecond();
}
