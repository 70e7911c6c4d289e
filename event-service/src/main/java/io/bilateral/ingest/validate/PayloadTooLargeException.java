package io.bilateral.ingest.validate;

/** A request body or batch past a configured limit; nothing of it is published. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
