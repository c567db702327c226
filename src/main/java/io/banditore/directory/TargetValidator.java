package io.banditore.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern HASHTAG = Pattern.compile("#[^\\s#]{1,99}");
    private static final Pattern HANDLE = Pattern.compile("@[^\\s@]{1,63}");

    /** Italy and its islands, with a margin: coordinates outside are a mistake (often latitude and longitude swapped). */
    static final double MIN_LAT = 35.0, MAX_LAT = 47.5, MIN_LON = 6.0, MAX_LON = 19.0;

    private final Gazetteer gazetteer;
    /** The channels the packages declare: each checks its own accounts. */
    private final DeclaredChannels channels;

    public TargetValidator(Gazetteer gazetteer, DeclaredChannels channels) {
        this.gazetteer = gazetteer;
        this.channels = channels;
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

    private void channel(String channel, ChannelAccount account, List<Violation> errors) {
        String at = "/channels/" + channel;
        Optional<ChannelDeclaration> declared = channels.find(channel).filter(ChannelDeclaration::ownEntry);
        if (declared.isEmpty()) {
            errors.add(new Violation(at, "unknown channel '" + channel + "' (known: " + String.join(", ", channels.entries()) + ")"));
            return;
        }
        if (account == null) {
            errors.add(new Violation(at, "is empty: give the account and the credentials' secret"));
            return;
        }
        declared.get().checkAccount(at, account, errors);
        tagsAndHandles(at, account, errors);
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
}
