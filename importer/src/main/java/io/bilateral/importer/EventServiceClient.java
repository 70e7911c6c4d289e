package io.bilateral.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** event-service's batch endpoint: a chunk's facts as JSON lines, published in one transaction. */
public final class EventServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A batch of a few thousand facts is validated, spooled and committed in seconds; a minute is room. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final URI batch;
    private final String token;

    public EventServiceClient(HttpClient http, URI eventService, String token) {
        this.http = http;
        this.batch = eventService.resolve("/events/batch");
        this.token = token;
    }

    /** Posts the facts; answers how many event-service accepted (all of them, or it throws). */
    public long post(List<ImportedFact> facts) {
        StringBuilder lines = new StringBuilder(facts.size() * 600);
        facts.forEach(f -> lines.append(f.submission()).append('\n'));
        HttpRequest.Builder request = HttpRequest.newBuilder(batch).timeout(TIMEOUT)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString(), StandardCharsets.UTF_8));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Retrying.send(http, request.build(), "POST " + batch);
        switch (response.statusCode()) {
            case 202:
                return accepted(response.body());
            case 401:
            case 403:
                throw new ImportFailedException("event-service refused the token (" + response.statusCode()
                        + "): writes need a bearer token with the editor role (BILATERAL_TOKEN)");
            default:
                throw new ImportFailedException("event-service refused a batch of " + facts.size() + " facts ("
                        + response.statusCode() + "), nothing of it recorded: " + response.body());
        }
    }

    private static long accepted(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.path("accepted").asLong();
        } catch (IOException e) {
            throw new ImportFailedException("event-service's answer is not JSON: " + body, e);
        }
    }
}
