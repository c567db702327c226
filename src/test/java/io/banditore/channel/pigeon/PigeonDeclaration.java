package io.banditore.channel.pigeon;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;
import io.banditore.directory.AccountRules;
import io.banditore.directory.ChannelAccount;
import io.banditore.directory.ChannelDeclaration;

/** The carrier pigeon: a channel that exists only in the tests, to show that a channel is one package. */
@ApplicationScoped
public class PigeonDeclaration implements ChannelDeclaration {

    public static final String NAME = "pigeon";
    /** A loft is lower-case letters. */
    private static final Pattern LOFT = Pattern.compile("[a-z]{3,20}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public void checkAccount(String at, ChannelAccount account, List<Violation> errors) {
        AccountRules.credentials(errors, at, name(), account.credentials());
        AccountRules.required(errors, at + "/account", account.account(), LOFT, "a loft's name (3 to 20 lower-case letters)");
    }
}
