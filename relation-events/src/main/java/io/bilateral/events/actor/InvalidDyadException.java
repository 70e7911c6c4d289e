package io.bilateral.events.actor;

/** A dyad id that does not name two different known actors; the message says why. */
public class InvalidDyadException extends IllegalArgumentException {
    public InvalidDyadException(String message) {
        super(message);
    }
}
