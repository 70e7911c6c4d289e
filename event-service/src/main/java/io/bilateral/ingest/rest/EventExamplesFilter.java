package io.bilateral.ingest.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import io.bilateral.events.event.EventType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of {@code POST /events} and {@code POST /events/batch} in the OpenAPI
 * document: one of the event types, each a reference to the JSON Schema this service serves
 * at {@code /schemas/{type}} (chosen by the event's {@code type}), and an example of every type
 * (from {@code event-examples.json}: the demo data's facts and a sample of each type it lacks);
 * a batch is an array of them, or JSON lines.
 */
public class EventExamplesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Object> examples = load();
        PathItem single = openAPI.getPaths().getPathItem("/events");
        if (single != null && single.getPOST() != null && single.getPOST().getRequestBody() != null) {
            MediaType json = single.getPOST().getRequestBody().getContent().getMediaType("application/json");
            json.setSchema(anEvent());
            examples.forEach((type, example) -> json.addExample(type, OASFactory.createExample().value(example)));
        }
        PathItem batch = openAPI.getPaths().getPathItem("/events/batch");
        if (batch != null && batch.getPOST() != null && batch.getPOST().getRequestBody() != null) {
            MediaType json = batch.getPOST().getRequestBody().getContent().getMediaType("application/json");
            if (json != null) {
                json.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(anEvent()));
                json.addExample("two facts", OASFactory.createExample().value(
                        List.of(examples.get("DiplomaticRelationsEstablished"), examples.get("OfficialVisit"))));
            }
        }
    }

    /** One event: of the type its {@code type} names, as {@code GET /schemas/{type}} describes it. */
    private static Schema anEvent() {
        Schema oneOf = OASFactory.createSchema().description("One event: GET /schemas/{type} on this service is the schema of each type");
        Discriminator discriminator = OASFactory.createDiscriminator().propertyName("type");
        for (EventType type : EventType.values()) {
            String ref = "/schemas/" + type.wireName();
            oneOf.addOneOf(OASFactory.createSchema().ref(ref));
            discriminator.addMapping(type.wireName(), ref);
        }
        return oneOf.discriminator(discriminator);
    }

    private static Map<String, Object> load() {
        try (InputStream in = EventExamplesFilter.class.getResourceAsStream("/event-examples.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("event-examples.json missing from the build", e);
        }
    }
}
