package io.banditore.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The topics' contract: the AsyncAPI 3.0 document and the JSON Schemas it references, which live side by side in
 * src/main/resources/schema. Served so that the document's relative references resolve over HTTP as they do on disk.
 */
@Path("/api/v1")
@Tag(name = "Topics", description = "The Kafka contract: AsyncAPI 3.0 and JSON Schema")
public class AsyncApiResource {

    static final String DOCUMENT = "schema/asyncapi.yaml";
    private static final Set<String> SCHEMAS = Set.of("alert.v1.json", "events.v1.json");

    private final String document;

    public AsyncApiResource() {
        // The schemas are served under schema/, one level below the document: its references point there.
        this.document = read(DOCUMENT).replace("$ref: 'events.v1.json", "$ref: 'schema/events.v1.json");
    }

    @GET
    @Path("asyncapi.yaml")
    @Produces("application/yaml")
    @Operation(summary = "The AsyncAPI 3.0 document of every topic: key, headers, payload schema, which role sends and receives")
    public String asyncApi() {
        return document;
    }

    @GET
    @Path("schema/{name: [a-z]+\\.v1\\.json}")
    @Produces("application/schema+json")
    @Operation(summary = "A JSON Schema (draft 2020-12) the AsyncAPI document references: alert.v1.json, events.v1.json")
    public String schema(@PathParam("name") String name) {
        if (!SCHEMAS.contains(name)) {
            throw new NotFoundException();
        }
        return read("schema/" + name);
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
