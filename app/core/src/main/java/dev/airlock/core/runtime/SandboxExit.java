package dev.airlock.core.runtime;

/** How a compartment's main process ended. {@code reason} is one phrase fit for a table cell. */
public record SandboxExit(int exitCode, boolean oomKilled, boolean stoppedByHost, String reason) {

    public boolean failed() {
        return !stoppedByHost && (exitCode != 0 || oomKilled);
    }

    public static SandboxExit of(int exitCode, boolean oomKilled, boolean stoppedByHost) {
        return new SandboxExit(exitCode, oomKilled, stoppedByHost, describe(exitCode, oomKilled, stoppedByHost));
    }

    private static String describe(int code, boolean oom, boolean stopped) {
        if (oom) {
            return "killed: out of memory (exit " + code + ")";
        }
        if (stopped) {
            return "stopped by host (exit " + code + ")";
        }
        if (code == 0) {
            return "exited normally";
        }
        if (code > 128 && code < 128 + 65) {
            return "killed by signal " + (code - 128) + " (exit " + code + ")";
        }
        return "failed with exit code " + code;
    }
}
