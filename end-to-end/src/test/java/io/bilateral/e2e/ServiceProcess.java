package io.bilateral.e2e;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** One of the services, run from its packaged application as a separate process. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service and waits until it is ready ({@code /q/health/ready}). */
    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir) {
        return start(name, jar, port, env, logDir, "/q/health/ready");
    }

    /** Starts the service and waits until {@code health} (a health endpoint such as {@code /q/health/live}) answers 200. */
    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir, String health) {
        return start(name, jar, port, env, logDir, health, List.of("-Xmx256m"));
    }

    /** As {@link #start(String, Path, int, Map, Path, String)}, with the JVM's options (its heap) given. */
    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir, String health, List<String> jvmOptions) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn verify builds them)");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(env);
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            ServiceProcess service = new ServiceProcess(name, pb.start(), port, log);
            service.awaitHealthy(health, Duration.ofSeconds(60));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    /** Everything the service wrote to stdout and stderr. */
    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a lost machine would: no shutdown hook runs, the
     * Kafka consumer does not leave its group, open database transactions are cut off mid-way.
     * ({@link Process#destroyForcibly()} is SIGKILL on Linux; the process is the JVM itself.)
     */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + url() + ")";
    }

    private void awaitHealthy(String health, Duration limit) {
        try {
            await(name + " healthy (" + health + ")").atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                return answers200(health);
            });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(name + " not healthy (" + health + ") within " + limit + "; see " + log, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean answers200(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(10_000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    /** SIGTERM without waiting: a graceful stop begins (see {@link #close()}). */
    void requestStop() {
        process.destroy();
    }

    /** SIGTERM, then up to 20 s for the service to stop, then SIGKILL. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
