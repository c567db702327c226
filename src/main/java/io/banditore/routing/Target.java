package io.banditore.routing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A town Banditore publishes for: its ISTAT code, languages, whether it takes Test and Exercise messages, and its
 * account on each channel.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Target(String id, String name, String istat, List<String> languages, boolean acceptsTests,
        Map<String, ChannelAccount> channels) {

    public Target {
        languages = languages == null || languages.isEmpty() ? List.of("it") : List.copyOf(languages);
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }
}
