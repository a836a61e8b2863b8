package dev.airlock.core.runtime;

/** The engine refused or failed an operation; the message is one line fit to show a user. */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
