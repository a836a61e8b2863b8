package dev.airlock.core.event;

/** The restart policy started an agent again after {@code delayMillis} of back-off. */
public record SandboxRestarted(long monotonicNanos, long wallMillis, String runId, String agentId, int attempt,
                               long delayMillis) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.restarted";
    }
}
