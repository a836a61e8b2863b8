package dev.airlock.desktop.bench;

import javafx.animation.AnimationTimer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import java.util.Arrays;

/**
 * Measures the JavaFX pulse as the user feels it: the interval between consecutive pulses (an animation timer keeps
 * them coming; one that takes longer than a frame shows as a long interval), and, separately, how long the live
 * view's own work took in each pulse. On a machine shared with other busy processes both are stretched by waiting
 * for a core, so it also records the FX thread's own CPU time from pulse to pulse (CSS, layout, the view's work;
 * not the wait for a core nor for the renderer), which says what a pulse costs when the core is free. Intervals that span a pause the benchmark caused itself (a forced GC to read
 * the heap) are left out and counted. Pulses are recorded on the FX thread; read the figures after {@link #stop}.
 */
public final class PulseMeter {

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };
    private final Samples intervals = new Samples();
    /** When each interval ended, in the order they came, for where in a phase the long ones fall. */
    private final Samples ends = new Samples();
    private final Samples work = new Samples();
    private final Samples cpu = new Samples();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long last = -1;
    private long lastCpu;
    private volatile long pauseFrom = Long.MAX_VALUE;
    private volatile long pauseTo = Long.MIN_VALUE;
    private int excluded;

    /** Starts recording; call on the FX thread. */
    public void start() {
        last = -1;
        timer.start();
    }

    /** Call on the FX thread. */
    public void stop() {
        timer.stop();
    }

    /** Records the time the live view spent on one batch; call on the FX thread. */
    public void work(long nanos) {
        work.add(nanos);
    }

    /** Runs {@code pause} (any thread) so that pulse intervals overlapping it are not recorded. */
    public void excluding(Runnable pause) {
        pauseTo = Long.MAX_VALUE;
        pauseFrom = System.nanoTime();
        try {
            pause.run();
        } finally {
            pauseTo = System.nanoTime();
        }
    }

    private void pulse(long now) {
        long cpuNow = threads.getCurrentThreadCpuTime();
        if (last >= 0) {
            if (now >= pauseFrom && last <= pauseTo) {
                excluded++;
            } else {
                intervals.add(now - last);
                ends.add(now);
                cpu.add(cpuNow - lastCpu);
            }
        }
        last = now;
        lastCpu = cpuNow;
    }

    /** Pulse intervals recorded so far, in milliseconds, sorted; and forgets them (for phases of one run). */
    public double[] takeIntervals() {
        ends.size = 0;
        return intervals.take();
    }

    /**
     * How many intervals longer than {@code thresholdMs} ended in each window of {@code windowNanos} from
     * {@code from}; call before {@link #takeIntervals}, which forgets them. Says whether a tail is a start-up
     * transient or spread over the run.
     */
    public int[] longPerWindow(double thresholdMs, long from, long windowNanos) {
        int windows = 1;
        for (int i = 0; i < ends.size; i++) {
            windows = Math.max(windows, (int) ((ends.values[i] - from) / windowNanos) + 1);
        }
        int[] counts = new int[windows];
        for (int i = 0; i < intervals.size; i++) {
            if (intervals.values[i] > thresholdMs * 1e6) {
                counts[(int) Math.max(0, (ends.values[i] - from) / windowNanos)]++;
            }
        }
        return counts;
    }

    public double[] takeWork() {
        return work.take();
    }

    /** The FX thread's CPU time from one pulse to the next, in milliseconds, sorted; and forgets them. */
    public double[] takeCpu() {
        return cpu.take();
    }

    /** Intervals left out because they overlapped a pause of the benchmark's own. */
    public int excluded() {
        return excluded;
    }

    /** The value at or below which {@code p} percent of {@code sorted} lie (nearest rank); NaN when empty. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A growable array of nanosecond samples; no boxing, so measuring adds no garbage per pulse. */
    private static final class Samples {
        private long[] values = new long[4096];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        double[] take() {
            double[] ms = new double[size];
            for (int i = 0; i < size; i++) {
                ms[i] = values[i] / 1e6;
            }
            size = 0;
            Arrays.sort(ms);
            return ms;
        }
    }
}
