package io.bilateral.ingest.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Puts an example of every event type (from {@code event-examples.json}: the demo data's facts
 * and a sample of each type it lacks) into the OpenAPI document of {@code POST /events}, and
 * a two-event example into {@code POST /events/batch}.
 */
public class EventExamplesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Object> examples = load();
        PathItem single = openAPI.getPaths().getPathItem("/events");
        if (single != null && single.getPOST() != null && single.getPOST().getRequestBody() != null) {
            MediaType json = single.getPOST().getRequestBody().getContent().getMediaType("application/json");
            examples.forEach((type, example) -> json.addExample(type, OASFactory.createExample().value(example)));
        }
        PathItem batch = openAPI.getPaths().getPathItem("/events/batch");
        if (batch != null && batch.getPOST() != null && batch.getPOST().getRequestBody() != null) {
            MediaType json = batch.getPOST().getRequestBody().getContent().getMediaType("application/json");
            if (json != null) {
                json.addExample("two facts", OASFactory.createExample().value(
                        List.of(examples.get("DiplomaticRelationsEstablished"), examples.get("OfficialVisit"))));
            }
        }
    }

    private static Map<String, Object> load() {
        try (InputStream in = EventExamplesFilter.class.getResourceAsStream("/event-examples.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("event-examples.json missing from the build", e);
        }
    }
}
