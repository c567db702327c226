package io.banditore.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A town's account on one channel: the chat or account to publish to, other handles it names (e.g. the prefecture's),
 * its hashtags, and the name of the secret that holds its credentials (never the credentials themselves).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChannelAccount(String chat, String account, List<String> handles, List<String> hashtags, String credentials) {

    public ChannelAccount {
        handles = handles == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(handles));
        hashtags = hashtags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(hashtags));
    }
}
