package io.bilateral.localstack;

/** Another local stack holds the data directory ({@link DirectoryLock}): this one starts nothing there. */
public final class DirectoryInUseException extends IllegalStateException {

    DirectoryInUseException(String message) {
        super(message);
    }
}
