package dev.airlock.desktop.replay;

import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.events.EventRow;
import dev.airlock.desktop.events.EventsPanel;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.run.inspect.CaptureReplay;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Replay and what-if over a capture: its frames in the events panel, a timeline to scrub them, and, whenever the
 * policy on the canvas changes, every frame re-decided under it (by the gate's replay, off the JavaFX thread),
 * the changed decisions marked in the table and, counted per edge, on the canvas.
 */
public final class ReplayView extends VBox {

    private final EventsPanel panel;
    private final FxBridge bridge;
    private final Consumer<Map<String, String>> badgeSink;
    private final Label title = new Label();
    private final Slider timeline = new Slider();
    private final Label position = new Label();
    private final Label summary = new Label();
    private final Object redecideKey = new Object();
    private CaptureReplay.Capture capture;
    private List<EventRow> rows = List.of();
    private Map<Long, EventRow> rowsBySeq = Map.of();
    private List<CaptureReplay.Change> changes = List.of();
    private Function<EventRow, String> canvasKey = r -> "";
    private long generation;
    private long applied;

    /** @param badgeSink receives the canvas badges (canvas key to text) whenever they change, empty when closed */
    public ReplayView(EventsPanel panel, FxBridge bridge, Consumer<Map<String, String>> badgeSink) {
        super(4);
        this.panel = panel;
        this.bridge = bridge;
        this.badgeSink = badgeSink;
        getStyleClass().add("replay-bar");
        setId("replay-bar");
        title.getStyleClass().add("replay-title");
        timeline.setId("replay-timeline");
        timeline.setMin(1);
        timeline.setBlockIncrement(1);
        timeline.setMajorTickUnit(1);
        timeline.setMinorTickCount(0);
        timeline.setSnapToTicks(true);
        timeline.setMinWidth(160);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        timeline.valueProperty().addListener(o -> scrubbed());
        position.setId("replay-position");
        summary.setId("replay-summary");
        summary.getStyleClass().add("replay-summary");
        summary.setWrapText(true);
        Button close = new Button("Close replay");
        close.setId("replay-close");
        close.setOnAction(e -> close());
        title.setMinWidth(Label.USE_PREF_SIZE);
        close.setMinWidth(Label.USE_PREF_SIZE);
        position.setMinWidth(Label.USE_PREF_SIZE);
        HBox controls = new HBox(12, title, timeline, position, close);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(controls, summary);
    }

    public boolean isOpen() {
        return capture != null;
    }

    /** Shows {@code capture}'s frames ({@code rows}, in capture order) and re-decides them under {@code policy}. */
    public void open(CaptureReplay.Capture capture, List<EventRow> rows, Topology policy,
                     Function<EventRow, String> canvasKey) {
        this.capture = capture;
        this.rows = rows;
        this.rowsBySeq = new HashMap<>();
        rows.forEach(r -> rowsBySeq.put(r.seq(), r));
        this.changes = List.of();
        this.canvasKey = canvasKey;
        title.setText("Replay: " + capture.file().getFileName());
        panel.show(rows);
        panel.setReplayMode(true);
        panel.setHeader(this);
        timeline.setMax(Math.max(1, rows.size()));
        timeline.setDisable(rows.isEmpty());
        timeline.setValue(timeline.getMax());
        scrubbed();
        redecide(policy, canvasKey);
    }

    /** The policy changed on the canvas: re-decides every frame under it; the newest request wins. */
    public void redecide(Topology policy, Function<EventRow, String> canvasKey) {
        if (capture == null) {
            return;
        }
        this.canvasKey = canvasKey;
        long mine = ++generation;
        CaptureReplay.Capture c = capture;
        summary.setText("Re-deciding " + rows.size() + " frames under the policy on the canvas…");
        bridge.compute(redecideKey, () -> c.redecide(policy), diff -> {
            if (mine == generation && capture == c) {
                applied = mine;
                apply(diff);
            }
        }, error -> {
            if (mine == generation && capture == c) {
                applied = mine;
                changes = List.of();
                panel.changes().clear();
                badgeSink.accept(Map.of());
                summary.setText("Cannot re-decide under this policy: " + error.getMessage());
            }
        });
    }

    public void close() {
        if (capture == null) {
            return;
        }
        capture = null;
        generation++;
        rows = List.of();
        rowsBySeq = Map.of();
        changes = List.of();
        panel.setHeader(null);
        panel.setReplayMode(false);
        panel.clear();
        badgeSink.accept(Map.of());
    }

    private void apply(CaptureReplay.Diff diff) {
        changes = diff.changes();
        Map<Long, String> marks = new HashMap<>();
        changes.forEach(c -> marks.put(c.seq(), ReplayMarks.transition(c)));
        panel.changes().clear();
        panel.changes().putAll(marks);
        summary.setText(changes.isEmpty() ? "Under the policy on the canvas no decision would change ("
                + diff.summary() + ")" : diff.summary());
        pushBadges();
    }

    private void scrubbed() {
        if (rows.isEmpty()) {
            position.setText("");
            return;
        }
        int k = (int) Math.round(timeline.getValue());
        EventRow at = rows.get(Math.max(0, Math.min(rows.size(), k) - 1));
        position.setText("frame " + k + " of " + rows.size());
        panel.showUpTo(at.seq());
        if (k < rows.size()) {
            panel.select(at);
        }
        pushBadges();
    }

    private void pushBadges() {
        if (capture == null) {
            return;
        }
        int k = (int) Math.round(timeline.getValue());
        long upTo = rows.isEmpty() ? 0 : rows.get(Math.max(0, Math.min(rows.size(), k) - 1)).seq();
        badgeSink.accept(ReplayMarks.badges(changes, rowsBySeq, upTo, canvasKey));
    }

    /** Whether a capture is open and re-decided under the newest policy. */
    public boolean isSettled() {
        return capture != null && applied == generation;
    }

    /** Selects the first decision that would change, if any (a screenshot's subject). */
    public void selectFirstChange() {
        rows.stream().filter(r -> panel.changes().containsKey(r.seq())).findFirst().ifPresent(panel::select);
    }

    /** For tests: moves the timeline to frame {@code k} (1-based). */
    public void scrubTo(int k) {
        timeline.setValue(k);
    }

    public String summaryText() {
        return summary.getText();
    }
}
