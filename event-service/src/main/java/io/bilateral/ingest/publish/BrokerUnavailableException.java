package io.bilateral.ingest.publish;

/** The broker did not acknowledge an event in time: the event is not accepted. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
