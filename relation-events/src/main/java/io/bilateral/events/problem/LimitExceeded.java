package io.bilateral.events.problem;

/**
 * A request refused by a limit before it did anything: too many requests from one principal or
 * client (429), or the service full for everyone (503). Either way the answer says when to try
 * again ({@code Retry-After}), and both services map it to the same problem.
 */
public final class LimitExceeded extends RuntimeException {

    /** The problem type of every refusal by a limit. */
    public static final String KIND = "rate-limited";

    private final int status;
    private final long retryAfterSeconds;

    private LimitExceeded(int status, long retryAfterSeconds, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** 429: this principal or client sent more than its share. */
    public static LimitExceeded tooMany(long retryAfterSeconds, String detail) {
        return new LimitExceeded(429, retryAfterSeconds, detail);
    }

    /** 503: the service holds as much as it may for everyone. */
    public static LimitExceeded full(long retryAfterSeconds, String detail) {
        return new LimitExceeded(503, retryAfterSeconds, detail);
    }

    public int status() {
        return status;
    }

    /** Whole seconds, at least 1: the {@code Retry-After} header's value. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer: problem+json with {@code Retry-After}. */
    public Problem problem(String instance) {
        return Problem.of(KIND, status == 429 ? "Too many requests" : "Service full", status,
                getMessage() + "; retry after " + retryAfterSeconds + " s", instance, java.util.List.of());
    }
}
