package io.banditore.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.Area;
import io.banditore.alert.Info;
import io.banditore.alert.NamedValue;

/**
 * Which targets an alert's areas cover. An ISTAT geocode names a comune (6 digits), a province (3) or a region (2);
 * a target is covered when its comune is, or lies in that province or region.
 */
@ApplicationScoped
public class AreaMatcher {

    private final TargetDirectory directory;
    private final Gazetteer gazetteer;

    public AreaMatcher(TargetDirectory directory, Gazetteer gazetteer) {
        this.directory = directory;
        this.gazetteer = gazetteer;
    }

    public List<Target> targetsOf(Alert alert) {
        Set<String> codes = new LinkedHashSet<>();
        for (Info info : alert.info()) {
            for (Area area : info.area()) {
                for (NamedValue geocode : area.geocode()) {
                    if (isIstat(geocode) && geocode.value() != null) {
                        codes.add(geocode.value().trim());
                    }
                }
            }
        }
        return directory.all().stream().filter(t -> covers(codes, t)).toList();
    }

    private boolean covers(Set<String> codes, Target target) {
        if (codes.contains(target.istat())) {
            return true;
        }
        return gazetteer.comune(target.istat())
                .map(c -> codes.contains(c.provinceCode()) || codes.contains(c.regionCode()))
                .orElse(false);
    }

    private static boolean isIstat(NamedValue geocode) {
        return geocode.valueName() != null && geocode.valueName().toUpperCase(Locale.ROOT).startsWith("ISTAT");
    }
}
