package dev.airlock.core.event;

/**
 * A line a compartment printed. Inside a compartment nothing but the gate watches an agent, so this is where the
 * kernel's own refusals show up ("Network is unreachable", "Read-only file system") when an agent tries and fails
 * to get out. Lines are capped in length and rate; {@code line} then ends with a note of what was cut.
 */
public record SandboxOutput(long monotonicNanos, long wallMillis, String runId, String agentId, boolean stderr,
                            String line) implements AirlockEvent {
    @Override
    public String type() {
        return "sandbox.output";
    }
}
