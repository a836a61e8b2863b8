package dev.airlock.desktop;

/** A failure the user caused and can fix (an unwritable screenshot path), reported as one line. */
public final class WorkbenchException extends RuntimeException {

    public WorkbenchException(String message) {
        super(message, null, false, false);
    }
}
