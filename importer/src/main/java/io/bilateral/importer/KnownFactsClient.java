package io.bilateral.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** query-service's {@code POST /facts/known}: which of these fact ids are recorded already. */
public final class KnownFactsClient {

    /** query-service's limit per request (KnownFactsResource.MAX_IDS). */
    static final int MAX_IDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI known;
    private final String token;

    /** {@code token}: sent along, for a query-service whose reads need one (open reads ignore it); may be null. */
    public KnownFactsClient(HttpClient http, URI queryService, String token) {
        this.http = http;
        this.known = queryService.resolve("/facts/known");
        this.token = token;
    }

    public Set<String> known(List<String> factIds) {
        Set<String> known = new HashSet<>();
        for (int from = 0; from < factIds.size(); from += MAX_IDS) {
            known.addAll(ask(factIds.subList(from, Math.min(factIds.size(), from + MAX_IDS))));
        }
        return known;
    }

    private Set<String> ask(List<String> factIds) {
        String body;
        try {
            body = JSON.writeValueAsString(factIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(known).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Retrying.send(http, request.build(), "POST " + known);
        if (response.statusCode() != 200) {
            throw new ImportFailedException("query-service did not say which facts it has (" + response.statusCode() + "): "
                    + response.body());
        }
        try {
            Set<String> ids = new HashSet<>();
            for (JsonNode id : JSON.readTree(response.body()).path("known")) {
                ids.add(id.asText());
            }
            return ids;
        } catch (JsonProcessingException e) {
            throw new ImportFailedException("query-service's answer is not JSON: " + response.body(), e);
        }
    }
}
