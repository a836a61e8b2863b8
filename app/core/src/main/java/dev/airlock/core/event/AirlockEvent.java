package dev.airlock.core.event;

/**
 * Something that happened in a run: a gate decision, a container's life, a stats sample. Events carry a monotonic
 * timestamp for ordering and measuring, and a wall-clock one for people and logs.
 */
public interface AirlockEvent {

    /** {@link System#nanoTime()} when it happened; only comparable within one process. */
    long monotonicNanos();

    /** Epoch milliseconds when it happened. */
    long wallMillis();

    /** A short stable name for logs and filters, e.g. {@code gate.decision}, {@code sandbox.exit}. */
    String type();
}
