package io.bilateral.ingest.validate;

/** A request body that did not arrive within its time (408): nothing of it was published. */
public class RequestTooSlowException extends RuntimeException {

    public RequestTooSlowException(String message) {
        super(message);
    }
}
