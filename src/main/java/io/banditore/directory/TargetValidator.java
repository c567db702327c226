package io.banditore.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Violation;

/**
 * The rules every target obeys, whether it comes from the directory file or from the API: each broken rule is
 * reported with a JSON pointer relative to the target (e.g. {@code /channels/telegram/credentials}).
 */
@ApplicationScoped
public class TargetValidator {

    /** A target id is part of delivery ids (alert:channel:target) and of URLs. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** A secret's name becomes part of a configuration key and of an environment variable. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    /** A public channel's @username, or the numeric id of a chat. */
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("@[A-Za-z][A-Za-z0-9_]{4,31}|-?\\d{1,20}");
    private static final Pattern X_ACCOUNT = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern TIKTOK_ACCOUNT = Pattern.compile("[A-Za-z0-9_.]{2,24}");
    /** The Graph API addresses an Instagram professional account by its numeric id, never by its username. */
    private static final Pattern INSTAGRAM_USER_ID = Pattern.compile("\\d{5,25}");
    private static final Pattern YOUTUBE_CHANNEL = Pattern.compile("UC[A-Za-z0-9_-]{22}|@[A-Za-z0-9._-]{3,30}");
    private static final Pattern HASHTAG = Pattern.compile("#[^\\s#]{1,99}");
    private static final Pattern HANDLE = Pattern.compile("@[^\\s@]{1,63}");

    /** Italy and its islands, with a margin: coordinates outside are a mistake (often latitude and longitude swapped). */
    static final double MIN_LAT = 35.0, MAX_LAT = 47.5, MIN_LON = 6.0, MAX_LON = 19.0;

    private final Gazetteer gazetteer;

    public TargetValidator(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public List<Violation> validate(Target t) {
        List<Violation> errors = new ArrayList<>();
        if (t.id() == null || t.id().isBlank()) {
            errors.add(new Violation("/id", "is required"));
        } else if (!ID.matcher(t.id()).matches()) {
            errors.add(new Violation("/id", "'" + t.id() + "' must be lower-case letters, digits and '-', at most 63 (it is part of delivery ids and URLs)"));
        }
        place(t, errors);
        coordinates(t.coordinates(), errors);
        for (int i = 0; i < t.languages().size(); i++) {
            String language = t.languages().get(i);
            if (language == null || !LANGUAGE.matcher(language).matches()) {
                errors.add(new Violation("/languages/" + i, "'" + language + "' is not a language tag such as it or de-AT"));
            }
        }
        if (t.channels().isEmpty()) {
            errors.add(new Violation("/channels", "names no channel: the target would receive nothing"));
        }
        t.channels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> channel(e.getKey(), e.getValue(), errors));
        return errors;
    }

    private void place(Target t, List<Violation> errors) {
        if (t.istat() == null && t.area() == null) {
            errors.add(new Violation("/istat", "is required: the ISTAT code of the comune (or give area, the code of a province or region)"));
            return;
        }
        if (t.istat() != null && t.area() != null) {
            errors.add(new Violation("/area", "give istat (a comune) or area (a province or region), not both"));
        }
        if (t.istat() != null && gazetteer.comune(t.istat()).isEmpty()) {
            errors.add(new Violation("/istat", "'" + t.istat() + "' is not the ISTAT code of a comune (6 digits, e.g. 001082 for Chivasso)"
                    + leadingZeros(t.istat(), 6)));
        }
        if (t.area() != null && !gazetteer.isProvince(t.area()) && !gazetteer.isRegion(t.area())) {
            errors.add(new Violation("/area", "'" + t.area() + "' is not the ISTAT code of a province (3 digits, e.g. 001) or a region (2 digits, e.g. 01)"
                    + leadingZeros(t.area(), 2)));
        }
    }

    /** A code written without quotes in YAML loses its leading zeros. */
    private static String leadingZeros(String code, int digits) {
        return code.matches("\\d+") && code.length() < digits ? "; write it in quotes, its leading zeros matter" : "";
    }

    private static void coordinates(Coordinates c, List<Violation> errors) {
        if (c == null) {
            return;
        }
        if (c.lat() == null || !Double.isFinite(c.lat()) || c.lat() < -90 || c.lat() > 90) {
            errors.add(new Violation("/coordinates/lat", "must be a latitude in degrees, between -90 and 90"));
        } else if (c.lat() < MIN_LAT || c.lat() > MAX_LAT) {
            errors.add(new Violation("/coordinates/lat", c.lat() + " lies outside Italy (" + MIN_LAT + " to " + MAX_LAT + "): are lat and lon swapped?"));
        }
        if (c.lon() == null || !Double.isFinite(c.lon()) || c.lon() < -180 || c.lon() > 180) {
            errors.add(new Violation("/coordinates/lon", "must be a longitude in degrees, between -180 and 180"));
        } else if (c.lon() < MIN_LON || c.lon() > MAX_LON) {
            errors.add(new Violation("/coordinates/lon", c.lon() + " lies outside Italy (" + MIN_LON + " to " + MAX_LON + "): are lat and lon swapped?"));
        }
    }

    private static void channel(String channel, ChannelAccount account, List<Violation> errors) {
        String at = "/channels/" + channel;
        if (!ChannelName.DIRECTORY.contains(channel)) {
            errors.add(new Violation(at, "unknown channel '" + channel + "' (known: " + String.join(", ", ChannelName.DIRECTORY) + ")"));
            return;
        }
        if (account == null) {
            errors.add(new Violation(at, "is empty: give the account and the credentials' secret"));
            return;
        }
        if (ChannelName.SHORTVIDEO.equals(channel)) {
            shortVideo(at, account, errors);
        } else {
            credentials(errors, at, channel, account.credentials());
            switch (channel) {
                case ChannelName.TELEGRAM -> required(errors, at + "/chat", account.chat(), TELEGRAM_CHAT,
                        "a channel's @username (5 to 32 characters) or a chat's numeric id");
                default -> required(errors, at + "/account", account.account(), X_ACCOUNT,
                        "an X username without '@' (letters, digits, '_', at most 15)");
            }
        }
        tagsAndHandles(at, account, errors);
    }

    /**
     * A short-video account names its TikTok account either in its own account and credentials or in a tiktok entry
     * (not both), and optionally an instagram and a youtube entry, each with its own credentials; at least one.
     */
    private static void shortVideo(String at, ChannelAccount account, List<Violation> errors) {
        boolean own = account.account() != null || account.credentials() != null;
        if (own && account.tiktok() != null) {
            errors.add(new Violation(at + "/tiktok", "TikTok is named twice: give account and credentials here or at " + at + ", not both"));
        }
        if (!own && account.tiktok() == null && account.instagram() == null && account.youtube() == null) {
            errors.add(new Violation(at, "names no platform: give tiktok, instagram or youtube, each with its account and credentials"));
        }
        if (own) {
            credentials(errors, at, ChannelName.SHORTVIDEO, account.credentials());
            required(errors, at + "/account", account.account(), TIKTOK_ACCOUNT, "a TikTok username without '@' (letters, digits, '_' and '.', 2 to 24)");
        }
        platform(errors, at + "/tiktok", "TikTok", account.tiktok(), TIKTOK_ACCOUNT, "a TikTok username without '@' (letters, digits, '_' and '.', 2 to 24)");
        platform(errors, at + "/instagram", "Instagram", account.instagram(), INSTAGRAM_USER_ID,
                "the Instagram professional account's numeric IG user id (the Graph API's /{ig-user-id})");
        platform(errors, at + "/youtube", "YouTube", account.youtube(), YOUTUBE_CHANNEL,
                "a YouTube channel id (UC and 22 characters) or its @handle");
    }

    private static void platform(List<Violation> errors, String at, String name, ChannelAccount entry, Pattern pattern, String what) {
        if (entry == null) {
            return;
        }
        credentials(errors, at, name, entry.credentials());
        required(errors, at + "/account", entry.account(), pattern, what);
        if (entry.chat() != null || !entry.hashtags().isEmpty() || !entry.handles().isEmpty() || entry.tiktok() != null
                || entry.instagram() != null || entry.youtube() != null) {
            errors.add(new Violation(at, "takes only account and credentials; hashtags and handles belong to the short-video account, shared by every platform"));
        }
    }

    private static void credentials(List<Violation> errors, String at, String channel, String credentials) {
        if (credentials == null || credentials.isBlank()) {
            errors.add(new Violation(at + "/credentials", "names no secret: the name of the secret holding the " + channel + " credentials is required"));
        } else if (!SECRET.matcher(credentials).matches()) {
            errors.add(new Violation(at + "/credentials", "'" + credentials + "' must be letters, digits, '-' and '_' (it names banditore.credentials.<secret>.*)"));
        }
    }

    private static void tagsAndHandles(String at, ChannelAccount account, List<Violation> errors) {
        for (int i = 0; i < account.hashtags().size(); i++) {
            String tag = account.hashtags().get(i);
            if (tag == null || !HASHTAG.matcher(tag).matches()) {
                errors.add(new Violation(at + "/hashtags/" + i, "'" + tag + "' must be one hashtag: '#' and a word without spaces"));
            }
        }
        for (int i = 0; i < account.handles().size(); i++) {
            String handle = account.handles().get(i);
            if (handle == null || !HANDLE.matcher(handle).matches()) {
                errors.add(new Violation(at + "/handles/" + i, "'" + handle + "' must be one handle: '@' and a name without spaces"));
            }
        }
    }

    private static void required(List<Violation> errors, String pointer, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            errors.add(new Violation(pointer, "is required: " + what));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new Violation(pointer, "'" + value + "' is not " + what));
        }
    }
}
