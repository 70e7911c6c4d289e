package io.bilateral.importer;

/** The import cannot go on: a service refused or did not answer. Chunks posted before it stay recorded. */
public class ImportFailedException extends RuntimeException {

    public ImportFailedException(String message) {
        super(message);
    }

    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
