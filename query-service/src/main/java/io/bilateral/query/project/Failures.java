package io.bilateral.query.project;

import io.vertx.pgclient.PgException;

import java.util.Set;

/**
 * Tells a failure of the database or the network, which passes and must be waited out (never
 * a reason to park an event), from a failure caused by the event itself, which retrying the
 * same event against the same code will not cure.
 */
public final class Failures {

    /**
     * SQLSTATE classes that say nothing about the event: connection (08), transaction rollback
     * such as serialization or deadlock (40), insufficient resources (53), operator
     * intervention such as a shutdown (57), system errors (58), lock not available (55P03).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state == null || state.equals("55P03") || TRANSIENT_CLASSES.contains(state.substring(0, 2));
            }
            // The pool and the connection fail with Vert.x or I/O exceptions; a timeout waiting
            // for the database is the same case.
            if (t instanceof io.vertx.core.VertxException || t instanceof java.io.IOException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return false;
    }

    /** The stack trace as text, for the parked event's record. */
    static String stackTrace(Throwable failure) {
        var out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** One line for logs and for the parked event's reason. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
