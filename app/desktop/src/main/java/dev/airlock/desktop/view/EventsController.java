package dev.airlock.desktop.view;

import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.events.EventRow;
import dev.airlock.desktop.events.EventsPanel;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.Keys;
import dev.airlock.desktop.model.Routes;
import dev.airlock.desktop.replay.ReplayView;
import dev.airlock.run.inspect.CaptureReplay;
import javafx.collections.SetChangeListener;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Ties the events panel and the replay to the drawing: a selected event highlights its edge (or node), a selected
 * edge filters the events, and every policy edit re-decides an open capture and re-badges the canvas.
 */
final class EventsController {

    private final EditorModel model;
    private final FxBridge bridge;
    private final EventsPanel panel = new EventsPanel();
    private final ReplayView replay;
    private final Object loadKey = new Object();
    private boolean edgeFilterFromCanvas;

    EventsController(EditorModel model, CanvasView canvas, FxBridge bridge) {
        this.model = model;
        this.bridge = bridge;
        this.replay = new ReplayView(panel, bridge, canvas::setBadges);
        panel.setCanvasKey(canvasKeys(model.topology()));
        panel.highlightProperty().addListener((o, a, key) -> canvas.highlight(key));
        model.topologyProperty().addListener((o, a, t) -> {
            panel.setCanvasKey(canvasKeys(t));
            replay.redecide(t, canvasKeys(t));
        });
        model.selection().addListener((SetChangeListener<String>) c -> followSelection());
    }

    EventsPanel panel() {
        return panel;
    }

    ReplayView replay() {
        return replay;
    }

    /** Loads a capture off the JavaFX thread and replays it under the drawing's policy. */
    void openCapture(Path file, Consumer<String> onFailure) {
        model.statusProperty().set("Reading capture " + file + "…");
        bridge.compute(loadKey, () -> {
            CaptureReplay.Capture capture = CaptureReplay.load(file);
            // Masking every payload is the costly part; it is done here, not on the JavaFX thread.
            return new Loaded(capture, capture.frames().stream().map(EventRow::of).toList());
        }, loaded -> {
            Topology t = model.topology();
            replay.open(loaded.capture(), loaded.rows(), t, canvasKeys(t));
            model.statusProperty().set("Replaying " + file.getFileName() + ": " + loaded.rows().size()
                    + " frames; edit the policy to see which decisions would change");
        }, error -> {
            model.statusProperty().set("Cannot open capture " + file.getFileName());
            onFailure.accept(error.getMessage());
        });
    }

    /** Asks for a capture file and hands it to {@code open}. */
    void openCaptureDialog(Window owner, Consumer<Path> open) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open capture");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Gate capture", "*.capture", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        model.file().map(Path::toAbsolutePath).map(Path::getParent).map(Path::toFile)
                .ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showOpenDialog(owner);
        if (f != null) {
            open.accept(f.toPath());
        }
    }

    /** One selected edge filters the table to it; selecting anything else lifts a filter the canvas set. */
    private void followSelection() {
        List<String> sel = List.copyOf(model.selection());
        if (sel.size() == 1 && Keys.isEdge(sel.getFirst())) {
            panel.filterToEdge(sel.getFirst());
            edgeFilterFromCanvas = true;
        } else if (edgeFilterFromCanvas) {
            panel.filterToEdge("");
            edgeFilterFromCanvas = false;
        }
    }

    private static Function<EventRow, String> canvasKeys(Topology t) {
        return r -> Routes.canvasKey(t, r.agent(), r.frame(), r.target());
    }

    private record Loaded(CaptureReplay.Capture capture, List<EventRow> rows) {
    }
}
