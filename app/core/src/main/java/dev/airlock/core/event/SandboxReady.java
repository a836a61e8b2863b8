package dev.airlock.core.event;

/** The agent said hello on its pipe; {@code readyMillis} counts from the launch request. */
public record SandboxReady(long monotonicNanos, long wallMillis, String runId, String agentId, double readyMillis)
        implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.ready";
    }
}
