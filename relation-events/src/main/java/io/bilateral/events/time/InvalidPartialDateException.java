package io.bilateral.events.time;

/** A string that is not a partial date this system accepts; the message says why. */
public class InvalidPartialDateException extends IllegalArgumentException {
    public InvalidPartialDateException(String message) {
        super(message);
    }
}
