package io.bilateral.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

import java.net.URI;
import java.time.Instant;
import java.util.function.Consumer;

/** One subscription to GET /events/stream, read line by line; each event's data goes to the handler. */
final class SseSubscriber {

    private HttpClientResponse response;

    /** Completes once the stream answered 200 and sent its first line. */
    static Future<SseSubscriber> open(HttpClient client, URI queries, String query, Consumer<String> onData) {
        SseSubscriber s = new SseSubscriber();
        io.vertx.core.Promise<SseSubscriber> opened = io.vertx.core.Promise.promise();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(queries.getHost())
                .setPort(queries.getPort()).setURI("/events/stream" + query).putHeader("Accept", "text/event-stream")
                .setIdleTimeout(0);
        client.request(options).compose(r -> r.send()).onSuccess(resp -> {
            if (resp.statusCode() != 200) {
                opened.tryFail("stream answered " + resp.statusCode());
                return;
            }
            s.response = resp;
            RecordParser lines = RecordParser.newDelimited("\n", line -> {
                opened.tryComplete(s);
                if (line.length() > 5 && line.getByte(0) == 'd') {
                    onData.accept(line.getString(5, line.length()).trim());
                }
            });
            resp.handler(lines);
            resp.exceptionHandler(e -> opened.tryFail(e));
        }).onFailure(opened::tryFail);
        return opened.future();
    }

    void close() {
        if (response != null) {
            response.request().connection().close();
        }
    }

    /**
     * The event's CloudEvents {@code time} (when event-service accepted it), read without
     * parsing the whole JSON: the harness shares the machine with the system it measures.
     */
    static Instant time(String cloudEvent) {
        int at = cloudEvent.indexOf("\"time\":\"");
        int end = cloudEvent.indexOf('"', at + 8);
        return Instant.parse(cloudEvent.substring(at + 8, end));
    }

    /** The event's id (CloudEvents {@code id}). */
    static String id(String cloudEvent) {
        int at = cloudEvent.indexOf("\"id\":\"");
        return cloudEvent.substring(at + 6, cloudEvent.indexOf('"', at + 6));
    }
}
