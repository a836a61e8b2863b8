package dev.airlock.desktop.bench;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.topology.io.TopologyWriter;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.prefs.Preferences;

/**
 * Drives synthetic run events at a fixed rate into the workbench's live view (the same feed, bridge and window code
 * a real run uses, without Docker) and measures the FX pulse while it lasts, against the same window idle in the
 * same run; and the heap after a full GC at an early mark and at the end, which says whether the view keeps growing.
 */
public final class LiveBench {

    /** Idle pulses measured before the load, as the baseline of this run. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final double TARGET_MS = 20;
    private static final long LONG_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * @param heapMark the second of load at which the early heap is read
     */
    public record Options(int elements, int rate, int seconds, int heapMark) {
        public Options {
            if (rate < 1 || seconds < 1 || heapMark < 1 || heapMark >= seconds) {
                throw new IllegalArgumentException("need rate ≥ 1 and 1 ≤ heap mark < seconds");
            }
        }
    }

    /** Pulse intervals and live-view work per batch in ms (sorted), heap in bytes, counts of events. */
    public record Result(Options options, double[] idle, double[] loaded, double[] work, double[] idleCpu,
                         double[] loadedCpu, double rendererIdleCpuPerPulse, double rendererCpuPerPulse,
                         double loadAverage, int excluded, int[] longPerWindow,
                         long heapAtMark, long heapAtEnd, long offered, long droppedFromView, long tableRows,
                         long tableDropped, int drains) {

        public double heapRatio() {
            return (double) heapAtEnd / heapAtMark;
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "live bench: %d-element topology, %,d events/s for %d s, %s, prism=%s",
                    options.elements(), options.rate(), options.seconds(), System.getProperty("java.version"),
                    System.getProperty("prism.order", "default")));
            out.add(row("FX pulse interval, idle window (ms)", idle));
            out.add(row("FX pulse interval, under load (ms)", loaded));
            out.add(row("live view work per batch (ms)", work));
            out.add(row("FX thread CPU per pulse, idle (ms)", idleCpu));
            out.add(row("FX thread CPU per pulse, load (ms)", loadedCpu));
            out.add(String.format(Locale.ROOT, "renderer thread CPU per pulse (mean): idle %.2f ms, load %.2f ms",
                    rendererIdleCpuPerPulse, rendererCpuPerPulse));
            double fxSeconds = java.util.Arrays.stream(loadedCpu).sum() / 1e3;
            double renderSeconds = rendererCpuPerPulse * loaded.length / 1e3;
            out.add(String.format(Locale.ROOT, "CPU under load: FX thread %.1f s + renderer %.1f s in %d s "
                            + "(%.0f%% of one core); system load average at the end: %.1f on %d cores", fxSeconds,
                    renderSeconds, options.seconds(), 100 * (fxSeconds + renderSeconds) / options.seconds(),
                    loadAverage, Runtime.getRuntime().availableProcessors()));
            out.add(String.format(Locale.ROOT, "pulse p99 under load / idle p99: %.2f   (target: p99 ≤ %.0f ms)",
                    PulseMeter.percentile(loaded, 99) / PulseMeter.percentile(idle, 99), TARGET_MS));
            out.add(String.format(Locale.ROOT, "pulse intervals over %.0f ms, per %d s of load: %s", TARGET_MS,
                    TimeUnit.NANOSECONDS.toSeconds(LONG_WINDOW_NANOS), Arrays.toString(longPerWindow)));
            out.add(String.format(Locale.ROOT, "heap after full GC: %.1f MB at %d s, %.1f MB at %d s, ratio %.2f",
                    heapAtMark / 1e6, options.heapMark(), heapAtEnd / 1e6, options.seconds(), heapRatio()));
            out.add(String.format(Locale.ROOT, "events offered %,d; dropped from the view %,d; table rows %,d "
                            + "(%,d older let go); UI batches %,d; pulses left out (benchmark's own GC) %d",
                    offered, droppedFromView, tableRows, tableDropped, drains, excluded));
            return out;
        }

        private static String row(String what, double[] ms) {
            return String.format(Locale.ROOT, "%-38s p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f  n %d", what,
                    PulseMeter.percentile(ms, 50), PulseMeter.percentile(ms, 90), PulseMeter.percentile(ms, 99),
                    PulseMeter.percentile(ms, 100), ms.length);
        }
    }

    private LiveBench() {
    }

    /** For {@code airlock ui --bench-live}: starts the toolkit, measures, and takes the toolkit down. */
    public static Result run(Options options) {
        FxBridge.startToolkit();
        FxBridge bridge = new FxBridge();
        try {
            return measure(bridge, options);
        } finally {
            bridge.shutdown();
            FxBridge.exitToolkit();
        }
    }

    /** Measures in a window of its own, with the toolkit already running; the window is closed afterwards. */
    public static Result measure(FxBridge bridge, Options options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("airlock-live-bench");
            Topology topology = SyntheticTopology.of(options.elements());
            Path file = dir.resolve(topology.name() + ".yaml");
            TopologyWriter.write(topology, file);
            return new Session(bridge, options, file).measure();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static final class Session {
        private final FxBridge bridge;
        private final Options options;
        private final Path file;
        private final PulseMeter meter = new PulseMeter();
        private Stage stage;
        private MainWindow window;

        Session(FxBridge bridge, Options options, Path file) {
            this.bridge = bridge;
            this.options = options;
            this.file = file;
        }

        Result measure() {
            var loaded = TopologyReader.read(file);
            onFx(() -> {
                stage = new Stage();
                window = Workbench.create(stage, bridge,
                        new RecentFiles(Preferences.userRoot().node("dev/airlock/desktop/bench")), Theme.LIGHT,
                        List.of());
                stage.show();
                window.model().openLoaded(file, loaded);
                window.canvas().refresh();
                window.scene().getRoot().applyCss();
                window.scene().getRoot().layout();
                window.canvas().fit();
                window.beginLiveView();
                meter.start();
                return null;
            });
            try {
                settle();
                long rendererIdle = rendererCpu();
                sleep(IDLE_NANOS);
                double[][] idlePhase = onFx(this::takePhase);
                double[] idle = idlePhase[0];
                double[] idleCpu = idlePhase[1];
                long rendererStart = rendererCpu();
                double rendererIdlePerPulse = (rendererStart - rendererIdle) / 1e6 / Math.max(1, idle.length);
                LiveRun.Listener listener = window.liveListener();
                LiveFeed feed = LiveRun.viewFeed(bridge, new Object(), batch -> {
                    long t0 = System.nanoTime();
                    listener.batch(batch);
                    meter.work(System.nanoTime() - t0);
                });
                SyntheticEvents events = new SyntheticEvents(window.model().topology(), options.rate());
                long start = System.nanoTime();
                events.ready(start, System.currentTimeMillis()).forEach(feed::offer);
                long offered = drive(feed, events, start, TimeUnit.SECONDS.toNanos(options.heapMark()));
                long heapAtMark = heapAfterGc();
                offered += drive(feed, events, start, TimeUnit.SECONDS.toNanos(options.seconds()));
                int[][] longs = new int[1][];
                double[][] loadPhase = onFx(() -> {
                    longs[0] = meter.longPerWindow(TARGET_MS, start, LONG_WINDOW_NANOS);
                    return takePhase();
                });
                int[] longPerWindow = longs[0];
                double[] loadedPulses = loadPhase[0];
                double[] loadedCpu = loadPhase[1];
                double[] work = loadPhase[2];
                double rendererPerPulse = (rendererCpu() - rendererStart) / 1e6 / Math.max(1, loadedPulses.length);
                // Let the last batch reach the view before the end heap is read.
                sleep(TimeUnit.MILLISECONDS.toNanos(200));
                long heapAtEnd = heapAfterGc();
                long[] table = onFx(() -> new long[]{window.events().rowCount(), window.events().dropped()});
                int excluded = onFx(meter::excluded);
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                return new Result(options, idle, loadedPulses, work, idleCpu, loadedCpu, rendererIdlePerPulse,
                        rendererPerPulse, load,
                        excluded, longPerWindow, heapAtMark, heapAtEnd, offered, feed.dropped(), table[0], table[1],
                        bridge.drains());
            } finally {
                onFx(() -> {
                    meter.stop();
                    stage.hide();
                    return null;
                });
            }
        }

        /**
         * Opening a large drawing takes the first pulses; the idle baseline starts once a whole second of pulses has
         * passed without a long one (or after a while, on a machine too busy for that).
         */
        private void settle() {
            long giveUp = System.nanoTime() + SETTLE_NANOS;
            do {
                sleep(TimeUnit.SECONDS.toNanos(1));
                double[] second = onFx(this::takePhase)[0];
                if (second.length >= 30 && PulseMeter.percentile(second, 100) < 100) {
                    return;
                }
            } while (System.nanoTime() < giveUp);
        }

        /** Pulse intervals, FX CPU per pulse and work per batch since the last call, taken in one go on the FX thread. */
        private double[][] takePhase() {
            return new double[][]{meter.takeIntervals(), meter.takeCpu(), meter.takeWork()};
        }

        /** Offers events at the rate until {@code until} nanoseconds after {@code start}; never waits on the view. */
        private long drive(LiveFeed feed, SyntheticEvents events, long start, long until) {
            long sent = 0;
            long first = -1;
            while (true) {
                long now = System.nanoTime();
                long elapsed = now - start;
                if (elapsed >= until) {
                    return sent;
                }
                if (first < 0) {
                    first = countAt(elapsed);
                }
                long due = countAt(elapsed) - first - sent;
                long wall = System.currentTimeMillis();
                for (long i = 0; i < due; i++) {
                    AirlockEvent e = events.next(now, wall);
                    feed.offer(e);
                    sent++;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        private long countAt(long elapsedNanos) {
            return elapsedNanos * options.rate() / 1_000_000_000L;
        }

        private long heapAfterGc() {
            long[] used = new long[1];
            meter.excluding(() -> {
                System.gc();
                System.gc();
                used[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            });
            return used[0];
        }
    }

    /** CPU time of the thread that renders frames (software pipeline), 0 when it cannot be found. */
    private static long rendererCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                return Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId()));
            }
        }
        return 0;
    }

    private static <T> T onFx(Callable<T> work) {
        return FxBridge.callAndWait(work, Duration.ofSeconds(60));
    }

    private static void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory; the OS cleans up what is left.
        }
    }
}
