package dev.airlock.core.model;

/**
 * A model endpoint as the gate sees it. Implementations live in plugins and are found through
 * {@link ModelBackendProvider}; the gate calls them on its own worker threads, times them, and applies guardrails
 * to what goes in and what comes out, so a backend only speaks its protocol.
 */
public interface ModelBackend extends AutoCloseable {

    /** Blocks until the backend answers, fails, or the request's deadline passes. */
    ModelResponse complete(ModelRequest request) throws ModelException;

    @Override
    default void close() {
    }
}
