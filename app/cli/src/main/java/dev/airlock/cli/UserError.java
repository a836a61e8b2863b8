package dev.airlock.cli;

/**
 * A problem with what the user gave us (a file, an argument): shown as one line, exit code 2, never a stack
 * trace. Anything else that escapes a command is an internal error.
 */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message, null, false, false);
    }
}
