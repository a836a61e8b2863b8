package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateDecision;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's gate decisions add up to: counters per pipe, and the time spent in the gate, in models and in tools,
 * in total and as percentiles of the latest decisions. {@code airlock run}'s final table and the workbench's
 * overhead panel both read it, so they show the same numbers.
 */
public final class Tally implements EventSink {

    /** How many of the latest decisions the percentiles are taken over. */
    static final int WINDOW = 4096;

    /** Decisions on one pipe (or one agent's calls to a tool or model) by outcome. */
    public record Counts(long delivered, long masked, long blocked) {
        Counts plus(Counts o) {
            return new Counts(delivered + o.delivered, masked + o.masked, blocked + o.blocked);
        }
    }

    /** Percentiles of one kind of time over the decisions that spent any; {@code count} of them. */
    public record Percentiles(double p50Millis, double p90Millis, double p99Millis, int count) {
        static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /**
     * Where the time went. {@code gateShare} is the gate's part of gate + model + tool time over all decisions
     * (NaN before any time was spent).
     */
    public record Overhead(Percentiles gate, Percentiles model, Percentiles tool, double gateShare,
                           long gateNanos, long modelNanos, long toolNanos, long decisions) {
    }

    private final Map<String, long[]> pipes = new TreeMap<>();
    private final Window gate = new Window();
    private final Window model = new Window();
    private final Window tool = new Window();
    private long gateNanos;
    private long modelNanos;
    private long toolNanos;
    private long decisions;

    /** The pipe a decision counts on: the pipe it travelled, or {@code agent -> target} for calls. */
    public static String pipeOf(GateDecision d) {
        return d.pipe().isEmpty() ? d.agent() + " -> " + (d.target().isEmpty() ? "?" : d.target()) : d.pipe();
    }

    @Override
    public synchronized void publish(AirlockEvent event) {
        if (!(event instanceof GateDecision d) || d.frame().equals("hello")) {
            return;
        }
        decisions++;
        gateNanos += d.gateNanos();
        modelNanos += d.modelNanos();
        toolNanos += d.toolNanos();
        gate.add(d.gateNanos());
        model.add(d.modelNanos());
        tool.add(d.toolNanos());
        long[] c = pipes.computeIfAbsent(pipeOf(d), k -> new long[3]);
        switch (d.action()) {
            case DELIVER -> c[0]++;
            case MASK -> c[1]++;
            case BLOCK, ASK, ERROR -> c[2]++;
        }
    }

    /** Counters by pipe, in name order. */
    public synchronized Map<String, Counts> pipes() {
        Map<String, Counts> copy = new LinkedHashMap<>();
        pipes.forEach((k, c) -> copy.put(k, new Counts(c[0], c[1], c[2])));
        return copy;
    }

    public synchronized Counts totals() {
        return pipes().values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    public synchronized Overhead overhead() {
        long all = gateNanos + modelNanos + toolNanos;
        return new Overhead(gate.percentiles(), model.percentiles(), tool.percentiles(),
                all == 0 ? Double.NaN : (double) gateNanos / all, gateNanos, modelNanos, toolNanos, decisions);
    }

    /** The latest non-zero durations; zero means the decision did not involve that kind of time. */
    private static final class Window {
        private final long[] ring = new long[WINDOW];
        private int size;
        private int next;

        void add(long nanos) {
            if (nanos <= 0) {
                return;
            }
            ring[next] = nanos;
            next = (next + 1) % WINDOW;
            size = Math.min(WINDOW, size + 1);
        }

        Percentiles percentiles() {
            if (size == 0) {
                return Percentiles.NONE;
            }
            long[] sorted = Arrays.copyOf(ring, size);
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), size);
        }

        /** Nearest rank. */
        private static double at(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, rank)] / 1e6;
        }
    }
}
