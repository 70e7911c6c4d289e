package io.bilateral.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the services' {@code @QuarkusTest}s rely on: Quarkus calls {@code start()} before a test
 * class that names the resource and {@code stop()} once that class's application has stopped.
 * A stack kept past its class stayed up to the JVM's exit, one per class.
 */
class TestStackResourceTest {

    private static final String KAFKA = "kafka.bootstrap.servers";

    @Test
    void stop_stopsTheBrokerAndTheDatabaseItsStartRan_andTheNextStartRunsANewStack() {
        TestStackResource resource = new TestStackResource();
        InetSocketAddress firstKafka = address(resource.start().get(KAFKA));
        InetSocketAddress firstPostgres = address(TestStackResource.stack().postgresAddress());
        assertTrue(accepts(firstKafka), "the broker listens once started");
        assertTrue(accepts(firstPostgres), "PostgreSQL listens once started");

        // Synchronous: the broker has shut down and PostgreSQL's process has exited on return.
        resource.stop();
        assertFalse(accepts(firstKafka), "the broker still listens after stop()");
        assertFalse(accepts(firstPostgres), "PostgreSQL still listens after stop()");

        Map<String, String> second = resource.start();
        try {
            assertTrue(accepts(address(second.get(KAFKA))), "the next start's broker listens");
            assertTrue(accepts(address(TestStackResource.stack().postgresAddress())), "the next start's PostgreSQL listens");
        } finally {
            resource.stop();
        }
    }

    private static InetSocketAddress address(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
