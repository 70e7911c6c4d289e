package io.bilateral.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reader that GETs one URL every 100 ms on a thread of its own, from {@link #watch} until
 * closed, and counts the answers by status ({@code -1}: no answer at all): what a dashboard
 * polling a read model would have seen meanwhile.
 */
final class Reads implements AutoCloseable {

    private final Map<Integer, Integer> answers = new TreeMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread thread;

    private Reads(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // A request that takes longer than this counts as no answer (-1): a hang is a failure too.
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        thread = new Thread(() -> {
            while (reading.get()) {
                int status;
                try {
                    status = client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (answers) {
                    answers.merge(status, 1, Integer::sum);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reads-" + url);
        thread.setDaemon(true);
        thread.start();
    }

    static Reads watch(String url) {
        return new Reads(url);
    }

    /** How many answers of each status so far. */
    Map<Integer, Integer> answers() {
        synchronized (answers) {
            return Map.copyOf(answers);
        }
    }

    @Override
    public void close() throws InterruptedException {
        reading.set(false);
        thread.join(15_000);
    }
}
