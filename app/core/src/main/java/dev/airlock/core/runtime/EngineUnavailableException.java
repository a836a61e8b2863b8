package dev.airlock.core.runtime;

/** No container engine answered; the message lists every place that was tried and how to start one. */
public final class EngineUnavailableException extends SandboxException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
