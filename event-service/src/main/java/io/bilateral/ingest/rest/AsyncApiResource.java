package io.bilateral.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.Topics;
import io.bilateral.events.event.EventType;
import io.bilateral.ingest.config.IngestConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The AsyncAPI 3.0 document of what flows: the events topic (its key, its CloudEvents
 * headers, a message per event type whose payload is that type's JSON Schema at
 * {@code /schemas/{type}}) and query-service's stream of committed events. Built from the
 * event catalogue on each request, so it cannot drift from what is published.
 */
@Path("/asyncapi")
public class AsyncApiResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestConfig config;

    AsyncApiResource(IngestConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The AsyncAPI 3.0 document of the events topic and of query-service's event stream")
    public ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode().put("asyncapi", "3.0.0").put("defaultContentType", "application/json");
        doc.putObject("info").put("title", "Bilateral events").put("version", "1")
                .put("description", "Facts about the relations of two international actors, as CloudEvents in binary mode: "
                        + "the log of record (Kafka, kept forever, one partition per dyad's history) and the stream of "
                        + "committed events that query-service serves (Server-Sent Events).");
        ObjectNode servers = doc.putObject("servers");
        ObjectNode log = servers.putObject("log").put("host", "{bootstrap}").put("protocol", "kafka")
                .put("description", "The deployment's Kafka bootstrap servers");
        log.putObject("variables").putObject("bootstrap").put("default", "localhost:19092")
                .put("description", "localhost:19092 on the local stack, localhost:29092 from the host with docker-compose");
        servers.putObject("queryService").put("host", "localhost:8082").put("protocol", "http")
                .put("description", "query-service");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode topic = channels.putObject("relationEvents").put("address", Topics.EVENTS)
                .put("description", "Every accepted fact and correction. Key: the dyad id (BEL-CHN), so a dyad's history is "
                        + "one partition, in order. A batch is published in one Kafka transaction: read with isolation.level=read_committed.");
        topic.putArray("servers").addObject().put("$ref", "#/servers/log");
        topic.putObject("bindings").putObject("kafka").put("partitions", config.topic().partitions())
                .putObject("topicConfiguration").put("retention.ms", -1);
        ObjectNode topicMessages = topic.putObject("messages");
        ObjectNode stream = channels.putObject("eventStream").put("address", "/events/stream")
                .put("description", "Server-Sent Events of committed events in stream order, each as a structured CloudEvent "
                        + "(its id the stream position, for Last-Event-ID); filters dyad, actor, type; from=beginning or a position.");
        stream.putArray("servers").addObject().put("$ref", "#/servers/queryService");
        ObjectNode streamMessages = stream.putObject("messages");

        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventsHeaders", headers());
        schemas.putObject("DyadKey").put("type", "string").put("pattern", "^[A-Z0-9]+-[A-Z0-9]+$")
                .put("description", "The dyad id, its two actor codes in alphabetical order");
        for (EventType type : EventType.values()) {
            ObjectNode message = messages.putObject(type.wireName()).put("name", type.wireName())
                    .put("title", "io.bilateral." + type.wireName() + ".v" + type.schemaVersion())
                    .put("contentType", "application/json");
            message.putObject("headers").put("$ref", "#/components/schemas/CloudEventsHeaders");
            message.putObject("payload").put("$ref", "/schemas/" + type.wireName());
            message.putObject("bindings").putObject("kafka").putObject("key").put("$ref", "#/components/schemas/DyadKey");
            topicMessages.putObject(type.wireName()).put("$ref", "#/components/messages/" + type.wireName());
        }
        messages.putObject("StreamEvent").put("name", "event").put("contentType", "application/cloudevents+json")
                .put("summary", "A committed event: specversion, id (the stream position), source, type, subject (the dyad), "
                        + "time, data (the event as stored), logpartition and logoffset");
        messages.putObject("StreamEnd").put("name", "overflow | unavailable").put("contentType", "application/json")
                .put("summary", "The stream ends: a problem (type, title, detail) with resumeFrom, the position to reconnect from");
        streamMessages.putObject("event").put("$ref", "#/components/messages/StreamEvent");
        streamMessages.putObject("end").put("$ref", "#/components/messages/StreamEnd");

        ObjectNode operations = doc.putObject("operations");
        operations.putObject("publishFacts").put("action", "send").put("summary", "event-service publishes each accepted fact")
                .putObject("channel").put("$ref", "#/channels/relationEvents");
        operations.putObject("projectFacts").put("action", "receive").put("summary", "query-service projects the log")
                .putObject("channel").put("$ref", "#/channels/relationEvents");
        operations.putObject("subscribe").put("action", "receive").put("summary", "a client follows the committed events")
                .putObject("channel").put("$ref", "#/channels/eventStream");
        return doc;
    }

    /** The record headers event-service writes ({@link CloudEventsKafka}); the trace's only when tracing is on. */
    private static ObjectNode headers() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode p = schema.putObject("properties");
        p.putObject(CloudEventsKafka.SPEC_VERSION).put("const", "1.0");
        p.putObject(CloudEventsKafka.ID).put("type", "string").put("format", "uuid").put("description", "the event id");
        p.putObject(CloudEventsKafka.SOURCE).put("type", "string").put("description", "who published it");
        p.putObject(CloudEventsKafka.TYPE).put("type", "string").put("pattern", "^io\\.bilateral\\.[A-Za-z0-9]+\\.v[0-9]+$");
        p.putObject(CloudEventsKafka.SUBJECT).put("type", "string").put("description", "the dyad id");
        p.putObject(CloudEventsKafka.TIME).put("type", "string").put("format", "date-time").put("description", "when it was recorded");
        p.putObject(CloudEventsKafka.CONTENT_TYPE).put("const", "application/json");
        p.putObject(CloudEventsKafka.RECORDED_BY).put("type", "string").put("description", "the subject of the token that wrote it");
        p.putObject("ce_traceparent").put("type", "string").put("description", "W3C Trace Context (CloudEvents distributed tracing)");
        p.putObject("ce_tracestate").put("type", "string");
        ArrayNode required = schema.putArray("required");
        for (String h : new String[] {CloudEventsKafka.SPEC_VERSION, CloudEventsKafka.ID, CloudEventsKafka.SOURCE, CloudEventsKafka.TYPE,
                CloudEventsKafka.SUBJECT, CloudEventsKafka.TIME, CloudEventsKafka.CONTENT_TYPE}) {
            required.add(h);
        }
        return schema;
    }
}
