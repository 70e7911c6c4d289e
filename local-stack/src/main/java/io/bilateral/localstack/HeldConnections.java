package io.bilateral.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: plain connections to a service, opened together and held open, for checking
 * how many it takes at once ({@code quarkus.http.limits.max-connections}). An HTTP client
 * library cannot show that: it pools and reopens its connections.
 */
public final class HeldConnections implements AutoCloseable {

    private final URL service;
    private final List<Socket> sockets = new ArrayList<>();

    private HeldConnections(URL service) {
        this.service = service;
    }

    /** {@code count} connections, all open before any request is sent on one. */
    public static HeldConnections open(URL service, int count) throws IOException {
        HeldConnections held = new HeldConnections(service);
        try {
            for (int i = 0; i < count; i++) {
                held.sockets.add(held.connect());
            }
        } catch (IOException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /**
     * Sends {@code GET path} on each held connection in turn, and counts those answered 200.
     * A connection the service closed on arrival answers nothing: its read ends or is reset.
     */
    public int served(String path) {
        int served = 0;
        for (Socket socket : sockets) {
            try {
                if (get(socket, path, false)) {
                    served++;
                }
            } catch (IOException closedByTheService) {
                // not served
            }
        }
        return served;
    }

    /** Whether a new connection, opened now, is answered 200 to {@code GET path}. */
    public static boolean servesANewConnection(URL service, String path) {
        HeldConnections one = new HeldConnections(service);
        try (Socket socket = one.connect()) {
            return one.get(socket, path, true);
        } catch (IOException e) {
            return false;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(service.getHost(), service.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private boolean get(Socket socket, String path, boolean close) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + service.getHost() + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        return status != null && status.startsWith("HTTP/1.1 200");
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }
}
