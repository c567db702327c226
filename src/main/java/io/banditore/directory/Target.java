package io.banditore.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;


/**
 * A town (or a province's or region's own account) Banditore publishes for: the ISTAT code of its comune, or the
 * ISTAT code of the province or region it speaks for ({@code area}); optional coordinates for CAP polygons and
 * circles; languages; whether it takes Test and Exercise messages; and its account on each channel.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Target(String id, String name, String istat, String area, Coordinates coordinates, List<String> languages,
        boolean acceptsTests, Map<String, ChannelAccount> channels) {

    public Target {
        // Copies that keep nulls and order: a blank entry in a file must reach the validator, which names it.
        languages = languages == null || languages.isEmpty() ? List.of("it") : Collections.unmodifiableList(new ArrayList<>(languages));
        channels = channels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** The ISTAT code that places the target: its comune, or the province or region it speaks for. */
    public String place() {
        return istat != null ? istat : area;
    }

    /**
     * The account a delivery channel publishes with: the directory's entry of that name, or for Instagram Reels and
     * YouTube Shorts the platform's entry within the short-video account (the caption package and the video are
     * shared); empty when the target has none, and then no such delivery is made.
     */
    public Optional<ChannelAccount> account(String channel) {
        ChannelAccount shortvideo = channels.get(ChannelName.SHORTVIDEO);
        return switch (channel) {
            case ChannelName.SHORTVIDEO -> Optional.ofNullable(shortvideo).map(ChannelAccount::tiktokAccount);
            case ChannelName.INSTAGRAM -> Optional.ofNullable(shortvideo).map(s -> s.platform(s.instagram()));
            case ChannelName.YOUTUBE -> Optional.ofNullable(shortvideo).map(s -> s.platform(s.youtube()));
            default -> Optional.ofNullable(channels.get(channel));
        };
    }

    /** The same target under another id (the id of a target sent over the API is the one of its URL). */
    public Target withId(String newId) {
        return new Target(newId, name, istat, area, coordinates, languages, acceptsTests, channels);
    }
}
