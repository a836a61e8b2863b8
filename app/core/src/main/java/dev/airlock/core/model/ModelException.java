package dev.airlock.core.model;

/** A backend could not answer: unreachable, refused, timed out, or answered nonsense. The message is user-facing. */
public class ModelException extends Exception {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
