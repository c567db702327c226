package io.banditore.channel.telegram;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;
import io.banditore.directory.AccountRules;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelDeclaration;
import io.banditore.directory.ChannelName;

/** Telegram: a town's deliveries start here; its account is a chat, posted to by the bot its secret names. */
@ApplicationScoped
public class TelegramDeclaration implements ChannelDeclaration {

    /** A public channel's @username, or the numeric id of a chat. */
    private static final Pattern CHAT = Pattern.compile("@[A-Za-z][A-Za-z0-9_]{4,31}|-?\\d{1,20}");

    @Override
    public String name() {
        return ChannelName.TELEGRAM;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public void checkAccount(String at, ChannelAccount account, List<Violation> errors) {
        AccountRules.credentials(errors, at, name(), account.credentials());
        AccountRules.required(errors, at + "/chat", account.chat(), CHAT, "a channel's @username (5 to 32 characters) or a chat's numeric id");
    }
}
