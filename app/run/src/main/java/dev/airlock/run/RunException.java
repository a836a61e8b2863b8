package dev.airlock.run;

/**
 * A run cannot go ahead because of what it was given (a file, an image name, an unreachable engine). The message
 * is one line for a person, already saying where the problem is; there is nothing more to show than that.
 */
public final class RunException extends RuntimeException {

    public RunException(String message) {
        super(message, null, false, false);
    }
}
