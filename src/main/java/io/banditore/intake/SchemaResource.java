package io.banditore.intake;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON Schema of the alert's JSON form: the body of POST /api/v1/alerts and the data of alerts.v1 events. */
@Path("/api/v1/schema/alert.json")
@Tag(name = "Alerts")
public class SchemaResource {

    public static final String MEDIA_TYPE = "application/schema+json";

    @GET
    @Produces(MEDIA_TYPE)
    @Operation(summary = "The JSON Schema (draft 2020-12) of a CAP alert in JSON")
    public InputStream schema() {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream("schema/alert.v1.json");
    }
}
