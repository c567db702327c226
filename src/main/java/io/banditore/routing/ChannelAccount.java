package io.banditore.routing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A town's account on one channel: the chat or handle to publish to, its hashtags, and the name of the secret that
 * holds its credentials (never the credentials themselves).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChannelAccount(String chat, String account, List<String> hashtags, String credentials) {

    public ChannelAccount {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }
}
