package dev.airlock.core.event;

/**
 * A compartment's main process ended. {@code reason} says how (normal exit, failure code, signal, out of memory,
 * stopped by the host, no hello within the timeout); {@code restarting} says whether the restart policy will
 * start it again.
 */
public record SandboxExited(long monotonicNanos, long wallMillis, String runId, String agentId, int exitCode,
                            boolean oomKilled, String reason, boolean restarting) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.exited";
    }
}
