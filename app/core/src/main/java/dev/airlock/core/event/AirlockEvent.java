package dev.airlock.core.event;

/**
 * Something that happened in a run: a gate decision, a container's life, a stats sample. Events carry a monotonic
 * timestamp for ordering and measuring, and a wall-clock one for people and logs. Sealed, so a subscriber's
 * {@code switch} over events is checked for exhaustiveness when an event type is added.
 */
public sealed interface AirlockEvent permits GateDecision, GateConnection, SandboxStarted, SandboxReady,
        SandboxOutput, SandboxStats, SandboxExited, SandboxRestarted, SandboxRemoved {

    /** {@link System#nanoTime()} when it happened; only comparable within one process. */
    long monotonicNanos();

    /** Epoch milliseconds when it happened. */
    long wallMillis();

    /** A short stable name for logs and filters, e.g. {@code gate.decision}, {@code sandbox.exit}. */
    String type();
}
