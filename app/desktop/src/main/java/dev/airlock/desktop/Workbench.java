package dev.airlock.desktop;

import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import dev.airlock.desktop.view.WorkshopView;
import dev.airlock.run.expect.ExpectationsReader;
import javafx.animation.AnimationTimer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the workbench window and blocks until it is closed, or, with a screenshot path, until the laid-out window
 * has been written as a PNG. The CLI reads the file first so a bad file fails before any window appears.
 */
public final class Workbench {

    /**
     * What to open: a file already read (or none), where to write a screenshot (or none), the theme, where samples
     * are, an element to select first (or none), so a screenshot can show its properties, and a capture to replay
     * under the file's policy (or none), and a workshop scenario to open in the presenter (or none).
     */
    public record Options(Path file, LoadResult loaded, Path screenshot, Theme theme, List<Path> sampleRoots,
                          String select, boolean run, Path replay, Path scenario) {
    }

    /** How long a {@code --run --screenshot} waits for a run without expectations to be ready. */
    private static final java.time.Duration READY_WITHIN = java.time.Duration.ofSeconds(90);
    /** A run without expectations is photographed this long after all its agents are ready. */
    private static final long QUIET_MILLIS = 3000;

    private Workbench() {
    }

    /** @throws WorkbenchException with one line for the user when the screenshot cannot be written */
    public static void run(Options options) {
        FxBridge.startToolkit();
        FxBridge bridge = new FxBridge();
        CompletableFuture<Void> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<MainWindow> shown = new java.util.concurrent.atomic.AtomicReference<>();
        bridge.post(() -> {
            try {
                shown.set(open(options, bridge, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WorkbenchException w) {
                throw w;
            }
            throw e;
        } finally {
            // Off the FX thread: containers take seconds to stop, and nothing of the run may outlive the window.
            if (shown.get() != null) {
                shown.get().stopRunNow();
            }
            bridge.shutdown();
            FxBridge.exitToolkit();
        }
    }

    /** Builds a window on the FX thread; used by {@link #run} and by tests. */
    public static MainWindow create(Stage stage, FxBridge bridge, RecentFiles recent, Theme theme, List<Path> sampleRoots) {
        EditorModel model = new EditorModel(bridge, recent);
        return new MainWindow(stage, model, bridge, theme, sampleRoots);
    }

    private static MainWindow open(Options options, FxBridge bridge, CompletableFuture<Void> done) {
        Stage stage = new Stage();
        MainWindow window = create(stage, bridge, RecentFiles.forUser(), options.theme(), options.sampleRoots());
        if (options.loaded() != null) {
            window.model().openLoaded(options.file(), options.loaded());
        }
        if (options.select() != null) {
            window.model().select(List.of(options.select()));
        }
        stage.setOnHidden(e -> done.complete(null));
        stage.show();
        if (options.replay() != null) {
            window.openCapture(options.replay());
        }
        if (options.scenario() != null) {
            openScenario(options, window, stage, bridge, done);
            return window;
        }
        if (options.run() && options.screenshot() != null) {
            // Nobody is at the window to answer: approvals are denied, as airlock run does by default.
            window.run(request -> false);
            // Settled, then a moment for the last events to be drawn.
            settle(options.file(), window).whenComplete((ok, e) -> bridge.post(() -> {
                javafx.animation.PauseTransition last = new javafx.animation.PauseTransition(
                        javafx.util.Duration.millis(1500));
                last.setOnFinished(f -> snapshotWhenDrawn(window, stage, options, done));
                last.play();
            }));
            return window;
        }
        if (options.run()) {
            window.run();
        }
        if (options.screenshot() == null) {
            return window;
        }
        snapshotWhenDrawn(window, stage, options, done);
        return window;
    }

    /**
     * Opens the scenario in the presenter. With {@code --run --screenshot} it is played to its last step (the first
     * starts the run; approvals are denied) and the window captured; with {@code --run} alone the first step is done.
     */
    private static void openScenario(Options options, MainWindow window, Stage stage, FxBridge bridge,
                                     CompletableFuture<Void> done) {
        boolean unattended = options.run() && options.screenshot() != null;
        WorkshopView workshop = window.openScenario(options.scenario(), unattended ? request -> false : null);
        if (workshop == null) {
            done.completeExceptionally(new WorkbenchException(options.scenario() + ": cannot be opened"));
            return;
        }
        if (unattended) {
            workshop.playToEnd().whenComplete((ok, e) -> bridge.post(() -> {
                javafx.animation.PauseTransition last = new javafx.animation.PauseTransition(
                        javafx.util.Duration.millis(1500));
                last.setOnFinished(f -> snapshotWhenDrawn(window, stage, options, done));
                last.play();
            }));
            return;
        }
        if (options.run()) {
            workshop.next();
        }
        if (options.screenshot() != null) {
            snapshotWhenDrawn(window, stage, options, done);
        }
    }

    /**
     * Completes when the run has settled: its {@code X.expected.yaml} (beside the file) met or timed out, or, with
     * none, a few seconds after every agent is ready.
     */
    private static CompletableFuture<Boolean> settle(Path file, MainWindow window) {
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        Path expected = file.toAbsolutePath().resolveSibling(name + ".expected.yaml");
        if (Files.isRegularFile(expected)) {
            try {
                return window.liveRun().settle(ExpectationsReader.read(expected));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(false);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                window.liveRun().awaitReady(READY_WITHIN);
                Thread.sleep(QUIET_MILLIS);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void snapshotWhenDrawn(MainWindow window, Stage stage, Options options, CompletableFuture<Void> done) {
        // Wherever the pointer happens to be, it must not leave hover effects in the picture.
        window.scene().getRoot().setMouseTransparent(true);
        window.scene().getRoot().requestFocus();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // Wait for validation (and a replay's re-decision) to land and a few pulses so the markers and layout
                // are on screen.
                boolean replaying = options.replay() != null && !window.replay().isSettled();
                if (!window.model().isValidated() || replaying || ++frames < 4) {
                    if (frames == 2) {
                        window.canvas().refresh();
                        window.canvas().fit();
                        // A replay's picture shows its first changed decision, selected in the table.
                        window.replay().selectFirstChange();
                    }
                    return;
                }
                stop();
                try {
                    write(window.scene().snapshot(null), options.screenshot());
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
                stage.hide();
            }
        }.start();
    }

    /** Writes next to the target and moves it in place, so a failure never leaves half a PNG. */
    private static void write(WritableImage image, Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", tmp.toFile())) {
                    throw new WorkbenchException(target + ": no PNG writer available");
                }
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new WorkbenchException(target + ": cannot write screenshot: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new WorkbenchException(target + ": cannot write screenshot: " + e.getCause().getMessage());
        }
    }
}
