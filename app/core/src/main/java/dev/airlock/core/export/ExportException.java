package dev.airlock.core.export;

/** An export that cannot be made as asked (an unknown format, a contradictory option); the message is one line. */
public final class ExportException extends Exception {

    public ExportException(String message) {
        super(message, null, false, false);
    }
}
