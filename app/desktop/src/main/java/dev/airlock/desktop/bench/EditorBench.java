package dev.airlock.desktop.bench;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.topology.io.TopologyWriter;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

/**
 * Measures the editor where users feel it: opening a file (read and validate off the FX thread, then show, lay out
 * and render the first frame) and dragging a node around for two seconds. Every figure is reported next to the same
 * figure for an 8-element topology measured in the same run, so the ratio says what size costs on this machine.
 */
public final class EditorBench {

    private static final int OPEN_RUNS = 7;
    private static final int DRAG_FRAMES = 120;

    private EditorBench() {
    }

    public static List<String> run(int elements) {
        FxBridge.startToolkit();
        FxBridge bridge = new FxBridge();
        try {
            Path dir = Files.createTempDirectory("airlock-bench");
            Path small = write(dir, SyntheticTopology.of(8));
            Path large = write(dir, SyntheticTopology.of(elements));
            CompletableFuture<List<String>> report = new CompletableFuture<>();
            bridge.post(() -> new Session(bridge, small, large, elements, report).next());
            return report.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            bridge.shutdown();
            FxBridge.exitToolkit();
        }
    }

    private static Path write(Path dir, Topology t) throws IOException {
        Path file = dir.resolve(t.name() + ".yaml");
        TopologyWriter.write(t, file);
        return file;
    }

    /** Runs the steps one after another on the FX thread, each continuing from an animation pulse. */
    private static final class Session {
        private final FxBridge bridge;
        private final Path small;
        private final Path large;
        private final int elements;
        private final CompletableFuture<List<String>> report;
        private final List<String> lines = new ArrayList<>();
        private final List<Runnable> steps = new ArrayList<>();
        private final Stage stage = new Stage();
        private final MainWindow window;
        private final double[][] open = new double[2][OPEN_RUNS];
        private final double[][] openFx = new double[2][OPEN_RUNS];
        private final double[][] drag = new double[2][];
        private final double[][] dragWork = new double[2][];

        Session(FxBridge bridge, Path small, Path large, int elements, CompletableFuture<List<String>> report) {
            this.bridge = bridge;
            this.small = small;
            this.large = large;
            this.elements = elements;
            this.report = report;
            window = Workbench.create(stage, bridge, new RecentFiles(Preferences.userRoot().node("dev/airlock/desktop/bench")),
                    Theme.LIGHT, List.of());
            stage.show();
            for (int run = 0; run < OPEN_RUNS; run++) {
                int r = run;
                steps.add(this::reset);
                steps.add(() -> openOnce(small, 0, r));
                steps.add(this::reset);
                steps.add(() -> openOnce(large, 1, r));
            }
            steps.add(() -> dragOnce(small, 0));
            steps.add(() -> dragOnce(large, 1));
            steps.add(this::finish);
        }

        void next() {
            if (!steps.isEmpty()) {
                steps.remove(0).run();
            }
        }

        /** Every open starts from an empty drawing, as when a file is opened in a fresh window. */
        private void reset() {
            window.model().newTopology();
            window.canvas().refresh();
            afterFrames(3, this::next);
        }

        private void openOnce(Path file, int size, int run) {
            long start = System.nanoTime();
            bridge.compute(file, () -> TopologyReader.read(file), loaded -> {
                long fx = System.nanoTime();
                show(file, loaded);
                openFx[size][run] = ms(System.nanoTime() - fx);
                afterFrames(2, () -> {
                    open[size][run] = ms(System.nanoTime() - start);
                    next();
                });
            }, report::completeExceptionally);
        }

        private void show(Path file, LoadResult loaded) {
            window.model().openLoaded(file, loaded);
            window.canvas().refresh();
            window.scene().getRoot().applyCss();
            window.scene().getRoot().layout();
            window.canvas().fit();
        }

        private void dragOnce(Path file, int size) {
            bridge.compute(file, () -> TopologyReader.read(file), loaded -> {
                show(file, loaded);
                window.model().select(List.of("agent:agent-0"));
                window.canvas().beginMove(new Point2D(0, 0));
                double[] intervals = new double[DRAG_FRAMES];
                double[] work = new double[DRAG_FRAMES];
                new AnimationTimer() {
                    private int frame = -1;
                    private long last;

                    @Override
                    public void handle(long now) {
                        if (frame >= 0) {
                            intervals[frame] = ms(now - last);
                        }
                        last = now;
                        if (++frame == DRAG_FRAMES) {
                            stop();
                            window.canvas().endMove();
                            drag[size] = intervals;
                            dragWork[size] = work;
                            next();
                            return;
                        }
                        long t0 = System.nanoTime();
                        double angle = frame * 2 * Math.PI / 60;
                        window.canvas().moveBy(200 * Math.cos(angle), 120 * Math.sin(angle));
                        window.scene().getRoot().layout();
                        work[frame] = ms(System.nanoTime() - t0);
                    }
                }.start();
            }, report::completeExceptionally);
        }

        private void finish() {
            lines.add(String.format(Locale.ROOT, "desktop bench: %d-element topology vs 8-element baseline, same run, %s, prism=%s",
                    elements, System.getProperty("java.version"), System.getProperty("prism.order", "default")));
            row("open file → first frame (ms, median of " + OPEN_RUNS + ")", median(open[0]), median(open[1]));
            row("  of which on the FX thread (ms)", median(openFx[0]), median(openFx[1]));
            row("drag: FX work per frame (ms, p50)", percentile(dragWork[0], 50), percentile(dragWork[1], 50));
            row("drag: FX work per frame (ms, p99)", percentile(dragWork[0], 99), percentile(dragWork[1], 99));
            row("drag: frame interval (ms, p50)", percentile(drag[0], 50), percentile(drag[1], 50));
            row("drag: frame interval (ms, p95)", percentile(drag[0], 95), percentile(drag[1], 95));
            lines.add(String.format(Locale.ROOT, "nodes drawn: %d; UI batches delivered: %d", window.canvas().nodeCount(),
                    bridge.drains()));
            stage.hide();
            report.complete(lines);
        }

        private void row(String what, double base, double big) {
            lines.add(String.format(Locale.ROOT, "%-46s baseline %8.2f   %d elements %8.2f   ratio %5.2f",
                    what, base, elements, big, base == 0 ? 0 : big / base));
        }

        private void afterFrames(int frames, Runnable then) {
            new AnimationTimer() {
                private int seen;

                @Override
                public void handle(long now) {
                    if (++seen >= frames) {
                        stop();
                        then.run();
                    }
                }
            }.start();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
