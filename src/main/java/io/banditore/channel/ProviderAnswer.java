package io.banditore.channel;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A provider's HTTP answer, read once: its status, headers and body as JSON when it is JSON. A body that is not
 * (an HTML error page from a proxy, a truncated answer) is kept as text for the error message, never thrown.
 */
public record ProviderAnswer(int status, JsonNode json, String text, MultivaluedMap<String, String> headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_TEXT = 300;

    public static ProviderAnswer of(Response response) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonNode json;
            try {
                json = text.isBlank() ? MissingNode.getInstance() : MAPPER.readTree(text);
            } catch (Exception e) {
                json = MissingNode.getInstance();
            }
            return new ProviderAnswer(response.getStatus(), json == null ? MissingNode.getInstance() : json, text,
                    response.getStringHeaders());
        }
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    /** The body, shortened, for an error message when it says nothing in JSON. */
    public String excerpt() {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "(empty body)" : flat.length() > MAX_TEXT ? flat.substring(0, MAX_TEXT) + "…" : flat;
    }
}
