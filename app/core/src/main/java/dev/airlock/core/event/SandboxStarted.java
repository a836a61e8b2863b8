package dev.airlock.core.event;

/** A compartment was created and started; {@code startMillis} is how long the engine took. */
public record SandboxStarted(long monotonicNanos, long wallMillis, String runId, String agentId, String containerId,
                             String image, int attempt, double startMillis) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.started";
    }
}
