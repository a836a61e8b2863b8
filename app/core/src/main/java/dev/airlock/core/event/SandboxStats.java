package dev.airlock.core.event;

/** One resource sample of a running compartment; {@code cpuPercent} is of one core (200 = two cores busy). */
public record SandboxStats(long monotonicNanos, long wallMillis, String runId, String agentId, double cpuPercent,
                           long memoryBytes, long memoryLimitBytes, long pids) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.stats";
    }
}
