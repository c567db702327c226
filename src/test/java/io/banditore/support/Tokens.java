package io.banditore.support;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens for tests, signed with this run's key ({@link TokenKeysResource}). */
public final class Tokens {

    public static String of(String user, String... roles) {
        return "Bearer " + Jwt.issuer(TokenKeysResource.ISSUER).upn(user).subject(user).groups(Set.of(roles)).expiresIn(3600).sign();
    }

    private Tokens() {
    }
}
