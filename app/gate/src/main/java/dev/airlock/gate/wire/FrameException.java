package dev.airlock.gate.wire;

/**
 * A frame the gate refuses to read. {@code fatal} means the stream cannot be resynchronised (the length prefix
 * itself is unusable), so the connection must close after the error frame.
 */
public final class FrameException extends Exception {

    private final String code;
    private final boolean fatal;

    public FrameException(String code, String reason, boolean fatal) {
        super(reason, null, false, false);
        this.code = code;
        this.fatal = fatal;
    }

    public String code() {
        return code;
    }

    public boolean fatal() {
        return fatal;
    }
}
