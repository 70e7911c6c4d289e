package io.bilateral.ingest.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.EventType;
import io.bilateral.events.schema.EventSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.List;

/** The event catalogue and each type's JSON Schema: what {@code POST /events} accepts. */
@Path("/schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    /** One entry of the catalogue: {@code codedPerFact} types have no coding of their own (each fact's comes from its code or kind). */
    public record SchemaEntry(String type, int schemaVersion, String schema, String cloudEventType,
                              boolean occurredRequired, EventCoding coding, boolean codedPerFact) {
    }

    @GET
    @Operation(summary = "Every event type, with its schema's address and its CAMEO/Goldstein/PLOVER coding")
    public List<SchemaEntry> catalogue() {
        return Arrays.stream(EventType.values())
                .map(t -> new SchemaEntry(t.wireName(), t.schemaVersion(), "/schemas/" + t.wireName(),
                        "io.bilateral." + t.wireName() + ".v" + t.schemaVersion(), t.occurredRequired(), t.coding(), t.codedPerFact()))
                .toList();
    }

    @GET
    @Path("/{type}")
    @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "The JSON Schema (draft 2020-12) of one event type")
    public ObjectNode schema(@PathParam("type") String type) {
        return EventType.byWireName(type).map(EventSchemas::of)
                .orElseThrow(() -> new NotFoundException("no event type '" + type + "'; GET /schemas lists them"));
    }
}
