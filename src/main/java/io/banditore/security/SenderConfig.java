package io.banditore.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Which CAP senders each user or group may post as. */
@ConfigMapping(prefix = "banditore.security")
public interface SenderConfig {

    /**
     * By user name or group (a groups claim of the token): the CAP senders allowed, each exact, "*" for any, or
     * "*@domain" for any address of a domain. Nobody may post until an entry allows it.
     */
    Map<String, List<String>> allowedSenders();
}
