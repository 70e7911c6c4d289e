package io.bilateral.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks a loopback port nothing listens on, for servers that must be told their port. */
final class FreePort {
    /**
     * Ports this class has handed out. A port is free when picked, not when its server binds it:
     * the kernel may offer a just-closed port again to the next pick (a broker's controller
     * port equal to its own listener, say), so a port is never handed out twice by this class
     * (a copy of it in another class loader, as Quarkus' tests make, keeps its own set).
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePort() {
    }

    static synchronized int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no loopback port that was not handed out already, in 50 picks");
    }

    /** The given port, or a free one when it is 0. */
    static int orPick(int port) {
        return port == 0 ? pick() : port;
    }
}
