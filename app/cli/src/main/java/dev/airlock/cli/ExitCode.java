package dev.airlock.cli;

/** Exit codes shared by every command; scripts depend on them. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int INVALID_INPUT = 2;
    /** The command ran, and what it checked did not pass (a scan that found something, an unmet expectation). */
    public static final int FINDINGS = 3;

    private ExitCode() {
    }
}
