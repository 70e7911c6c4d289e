package io.bilateral.importer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a request again while the service says to come back (503) or cannot be reached, with a
 * doubling pause. Safe for the import's requests: a read, or a batch of facts whose ids are
 * derived from the source, so a batch that did commit before its answer was lost is applied
 * once by the projection however often it reaches the log.
 */
final class Retrying {

    static final int ATTEMPTS = 6;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private Retrying() {
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request, String what) {
        Duration pause = FIRST_PAUSE;
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    return response;
                }
                last = "503 " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportFailedException(what + ": interrupted", e);
            }
            if (attempt < ATTEMPTS) {
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
        throw new ImportFailedException(what + ": no answer after " + ATTEMPTS + " attempts; last: " + last);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted", e);
        }
    }
}
