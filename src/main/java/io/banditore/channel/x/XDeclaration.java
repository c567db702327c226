package io.banditore.channel.x;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;
import io.banditore.directory.AccountRules;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelDeclaration;
import io.banditore.directory.ChannelName;

/** X: after Telegram; its account is a username, posted as by the tokens its secret names. */
@ApplicationScoped
public class XDeclaration implements ChannelDeclaration {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_]{1,15}");

    @Override
    public String name() {
        return ChannelName.X;
    }

    @Override
    public int rank() {
        return 1;
    }

    @Override
    public void checkAccount(String at, ChannelAccount account, List<Violation> errors) {
        AccountRules.credentials(errors, at, name(), account.credentials());
        AccountRules.required(errors, at + "/account", account.account(), ACCOUNT, "an X username without '@' (letters, digits, '_', at most 15)");
    }
}
