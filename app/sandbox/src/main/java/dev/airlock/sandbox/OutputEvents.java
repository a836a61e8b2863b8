package dev.airlock.sandbox;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.runtime.Sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a compartment's output into {@link SandboxOutput} events, a line each. A hostile or broken agent may print
 * without end, so a line is cut at {@link #MAX_LINE} bytes and an agent gets {@link #LINES_PER_SECOND} lines a
 * second (with a burst allowance); what is dropped is counted in the next line that gets through.
 */
final class OutputEvents implements Sandbox.OutputListener {

    static final int MAX_LINE = 2000;
    static final int LINES_PER_SECOND = 100;
    static final int BURST = 1000;

    private final EventSink events;
    private final String runId;
    private final String agentId;
    private final boolean stderrOnly;
    private final ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private double allowance = BURST;
    private long lastRefill = System.nanoTime();
    private long dropped;

    /** @param stderrOnly when stdout is the agent's pipe (attached stdio), only stderr is text */
    OutputEvents(EventSink events, String runId, String agentId, boolean stderrOnly) {
        this.events = events;
        this.runId = runId;
        this.agentId = agentId;
        this.stderrOnly = stderrOnly;
    }

    @Override
    public synchronized void output(boolean stderr, byte[] bytes) {
        if (stderrOnly && !stderr) {
            return;
        }
        ByteArrayOutputStream buffer = partial[stderr ? 1 : 0];
        for (byte b : bytes) {
            if (b == '\n') {
                emit(stderr, buffer);
            } else if (buffer.size() < MAX_LINE) {
                buffer.write(b);
            }
        }
    }

    /** Publishes what is left of unfinished lines; the compartment has ended. */
    synchronized void flush() {
        for (int s = 0; s < 2; s++) {
            if (partial[s].size() > 0) {
                emit(s == 1, partial[s]);
            }
        }
        if (dropped > 0) {
            publish(true, "[airlock: " + dropped + " lines of output dropped over the rate limit]");
            dropped = 0;
        }
    }

    private void emit(boolean stderr, ByteArrayOutputStream buffer) {
        String line = buffer.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        boolean cut = buffer.size() >= MAX_LINE;
        buffer.reset();
        long now = System.nanoTime();
        allowance = Math.min(BURST, allowance + (now - lastRefill) / 1e9 * LINES_PER_SECOND);
        lastRefill = now;
        if (allowance < 1) {
            dropped++;
            return;
        }
        allowance--;
        if (cut) {
            line += " [airlock: line cut at " + MAX_LINE + " bytes]";
        }
        if (dropped > 0) {
            line += " [airlock: " + dropped + " earlier lines dropped over the rate limit]";
            dropped = 0;
        }
        publish(stderr, line);
    }

    private void publish(boolean stderr, String line) {
        events.publish(new SandboxOutput(System.nanoTime(), System.currentTimeMillis(), runId, agentId, stderr,
                line));
    }
}
