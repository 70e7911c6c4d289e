package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one connection may hold: a client that opens a connection and sends nothing is cut off
 * after the idle timeout (here 2 s); one that trickles a batch, never idle, is answered 408
 * once the batch's time (here 2 s) is up, with nothing published; and a request line or header
 * block past its limit is refused (414, 431) before any resource sees it, not answered 500.
 */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.ShortIdle.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ConnectionLimitsTest {

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s", "bilateral.limits.max-batch-time", "2s");
        }
    }

    @TestHTTPResource("/")
    URL root;

    private Socket connect() throws Exception {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private String statusLineOf(String request) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aConnectionThatSendsNothing_isClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read = in.read();
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(waitedMs).as("closed by the idle timeout, not at once").isGreaterThanOrEqualTo(1_500);
        }
    }

    @Test
    void aRequestLineOrHeaderPastItsLimit_isRefusedBeforeAnyResource() throws Exception {
        String longUrl = "GET /schemas?x=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        assertThat(statusLineOf(longUrl)).matches("HTTP/1\\.[01] 414 .*");
        String bigHeader = "GET /schemas HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "b".repeat(30_000) + "\r\n\r\n";
        assertThat(statusLineOf(bigHeader)).matches("HTTP/1\\.[01] 431 .*");
        // Within the limits the same request is served.
        assertThat(statusLineOf("GET /schemas HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aBatchTrickledInPastItsTime_is408_andNothingOfItIsPublished() throws Exception {
        Map<Integer, Long> before = TopicRecords.ends(TestStackResource.stack().kafkaBootstrapServers());
        String line = "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"EST-NOR\", \"occurred\": \"1991-08\", "
                + "\"sources\": [{\"url\": \"https://example.org/slow\"}]}\n";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /events/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + LocalJwtTestResource.token("editor")
                    + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = null;
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // A line every half second, never idle for the idle timeout, for longer than the batch may take.
            for (int i = 0; i < 12; i++) {
                byte[] chunk = line.getBytes(StandardCharsets.UTF_8);
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException closed) {
                    break;  // the server answered and closed
                }
                Thread.sleep(500);
                if (socket.getInputStream().available() > 0) {
                    break;
                }
            }
            status = in.readLine();
            assertThat(status).startsWith("HTTP/1.1 408");
        }
        assertThat(TopicRecords.ends(TestStackResource.stack().kafkaBootstrapServers())).isEqualTo(before);
    }
}
