package dev.airlock.core.file;

import java.nio.file.Path;

/**
 * A file Airlock was given cannot be read as asked: missing, a directory, too large, not text, not permitted, or
 * silent (a pipe nobody writes to). {@link #reason()} reads after the file's name ({@code "x.yaml: is a
 * directory"}), and {@link #getMessage()} is that whole line, fit to show as it is.
 */
public final class UnreadableFileException extends RuntimeException {

    private final transient Path file;
    private final String reason;
    /** Where in the file the problem is, in bytes from its start, or -1 for the file as a whole. */
    private final long offset;

    UnreadableFileException(Path file, String reason, long offset) {
        super(file + ": " + reason, null, false, false);
        this.file = file;
        this.reason = reason;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }

    public long offset() {
        return offset;
    }
}
