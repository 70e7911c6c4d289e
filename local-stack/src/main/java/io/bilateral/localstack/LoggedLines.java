package io.bilateral.localstack;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For tests: the lines one logger of the application under test logs while this is open, those
 * whose message starts with a given text, each with the MDC it was logged with. The services log
 * through JBoss LogManager, the test JVM's log manager, so a handler on the logger sees them.
 */
public final class LoggedLines implements AutoCloseable {

    private final Logger logger;
    private final List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    private final ExtHandler handler;

    private LoggedLines(Class<?> category, String startingWith) {
        this.logger = Logger.getLogger(category.getName());
        this.handler = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                if (record.getFormattedMessage().startsWith(startingWith)) {
                    // Copied now, on the thread that logs: the MDC is that thread's.
                    record.copyMdc();
                    lines.add(record);
                }
            }
        };
        logger.addHandler(handler);
    }

    /** Starts capturing what {@code category}'s logger logs that starts with {@code startingWith}. */
    public static LoggedLines of(Class<?> category, String startingWith) {
        return new LoggedLines(category, startingWith);
    }

    /** The lines captured so far, in the order logged. */
    public List<ExtLogRecord> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
