package dev.airlock.core.event;

/**
 * Something Airlock had created is gone: a container, a pipe directory, a temporary image. {@code leftover} is
 * true when the reaper removed it for a host process that had died.
 */
public record SandboxRemoved(long monotonicNanos, long wallMillis, String runId, String agentId, String what,
                             String name, boolean leftover) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.removed";
    }
}
