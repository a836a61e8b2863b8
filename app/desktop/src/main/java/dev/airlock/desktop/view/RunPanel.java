package dev.airlock.desktop.view;

import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.run.Tally;
import dev.airlock.run.doctor.Check;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's panel: what it is doing now (or, in words, why it cannot run), progress per image step and per agent,
 * and the overhead: percentiles of time in the gate, in models and in tools and the gate's share, from the same
 * {@link Tally} {@code airlock run} prints at the end.
 */
final class RunPanel extends HBox {

    private final Label message = new Label("Press Run (F5) to run the drawing.");
    private final VBox steps = new VBox(3);
    private final VBox diagnosis = new VBox(2);
    private final GridPane agents = new GridPane();
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
    private final Map<String, Label> states = new LinkedHashMap<>();
    private final GridPane overhead = new GridPane();
    /** p50, p90, p99 and count of the gate's, the models' and the tools' time. */
    private final Label[][] figures = new Label[3][4];
    private final Label share = new Label("gate share of end-to-end time: –");
    private final Label totals = new Label("");
    private final Label dropped = new Label("");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Throttle throttle = new Throttle(javafx.util.Duration.millis(250), this::refresh);
    private LiveState shown;
    private Tally shownTally;

    RunPanel() {
        getStyleClass().add("run-panel");
        setId("run-panel");
        setSpacing(24);
        setPadding(new Insets(8, 12, 8, 12));
        message.setId("run-message");
        message.getStyleClass().add("run-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        steps.setId("run-steps");
        diagnosis.setId("run-diagnosis");
        agents.setHgap(8);
        agents.setVgap(3);
        VBox left = new VBox(4, new HBox(8, busy, message), diagnosis, title("Progress"), steps,
                agents);
        left.setPrefWidth(520);
        HBox.setHgrow(left, Priority.ALWAYS);

        overhead.setId("run-overhead");
        overhead.setHgap(14);
        overhead.setVgap(2);
        share.setId("run-share");
        totals.setId("run-totals");
        dropped.setId("run-dropped");
        dropped.getStyleClass().add("run-dropped");
        overheadTable();
        VBox right = new VBox(3, title("Overhead (ms)"), overhead, share, totals, dropped);
        right.setMinWidth(360);
        getChildren().addAll(left, right);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    /** The overhead table: its header, and a row per kind of time whose figures are set as they change. */
    private void overheadTable() {
        String[] head = {"", "p50", "p90", "p99", "n"};
        for (int i = 0; i < head.length; i++) {
            Label l = new Label(head[i]);
            l.getStyleClass().add("run-head");
            overhead.add(l, i, 0);
        }
        String[] rows = {"gate", "models", "tools"};
        for (int r = 0; r < rows.length; r++) {
            overhead.add(new Label(rows[r]), 0, r + 1);
            for (int c = 0; c < 4; c++) {
                Label l = new Label();
                if (c < 3) {
                    l.getStyleClass().add("run-number");
                }
                figures[r][c] = l;
                overhead.add(l, c + 1, r + 1);
            }
        }
    }

    Label message() {
        return message;
    }

    /** A new run: the agents it starts, nothing measured yet. */
    void begin(LiveState state) {
        throttle.cancel();
        shown = null;
        shownTally = null;
        steps.getChildren().clear();
        diagnosis.getChildren().clear();
        agents.getChildren().clear();
        bars.clear();
        states.clear();
        int row = 0;
        for (String agent : state.agents().keySet()) {
            Label name = new Label(agent);
            name.getStyleClass().add("run-agent");
            ProgressBar bar = new ProgressBar(0);
            bar.setPrefWidth(180);
            bar.setId("run-progress-" + agent);
            Label s = new Label("queued");
            agents.addRow(row++, name, bar, s);
            bars.put(agent, bar);
            states.put(agent, s);
        }
        for (Label[] cells : figures) {
            for (Label l : cells) {
                l.setText("");
            }
        }
        share.setText("gate share of end-to-end time: –");
        totals.setText("");
        dropped.setText("");
        setFailed(false);
    }

    void phase(LiveRun.Phase phase, String text) {
        if (shown != null) {
            throttle.now();
        }
        message.setText(text);
        busy.setVisible(phase == LiveRun.Phase.PREPARING || phase == LiveRun.Phase.STARTING
                || phase == LiveRun.Phase.STOPPING);
        if (phase != LiveRun.Phase.PREPARING) {
            steps.getChildren().forEach(n -> n.getStyleClass().add("run-step-done"));
        }
    }

    /** An image being checked or built: the latest step is the one in progress. */
    void step(String line) {
        Label l = new Label("• " + line);
        l.getStyleClass().add("run-step");
        steps.getChildren().add(l);
        if (steps.getChildren().size() > 5) {
            steps.getChildren().remove(0);
        }
    }

    void failed(String text) {
        message.setText("Cannot run: " + text);
        agents.getChildren().clear();
        bars.clear();
        states.clear();
        setFailed(true);
    }

    /** What {@code airlock doctor} finds wrong, each with the command that fixes it, under the failure. */
    void diagnosed(List<Check> problems) {
        diagnosis.getChildren().clear();
        for (Check c : problems) {
            // The first failure is already the message above; repeating it would push the fix out of sight.
            String detail = message.getText().contains(c.detail()) ? "" : ": " + c.detail();
            Label line = new Label((c.status() == Check.Status.FAIL ? "✕ " : "! ") + c.name() + detail);
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            line.getStyleClass().add("run-diagnosis");
            line.pseudoClassStateChanged(NodeView.ERROR, c.status() == Check.Status.FAIL);
            Label fix = new Label("    fix: " + c.fix());
            fix.setWrapText(true);
            fix.setMinHeight(Region.USE_PREF_SIZE);
            fix.getStyleClass().add("run-fix");
            diagnosis.getChildren().addAll(line, fix);
        }
    }

    private void setFailed(boolean failed) {
        message.pseudoClassStateChanged(NodeView.ERROR, failed);
    }

    /**
     * Brings the panel in line with the run, at most a few times a second (reading the overhead sorts the run's
     * samples); sets only what changed, so a busy run costs no new nodes.
     */
    void show(LiveState state, Tally tally) {
        shown = state;
        shownTally = tally;
        throttle.request();
    }

    private void refresh() {
        LiveState state = shown;
        Tally tally = shownTally;
        if (state == null) {
            return;
        }
        state.agents().forEach((id, a) -> {
            ProgressBar bar = bars.get(id);
            if (bar == null) {
                return;
            }
            bar.setProgress(switch (a.phase()) {
                case QUEUED -> 0;
                case BUILDING -> 0.15;
                case STARTING, RESTARTING -> 0.5;
                default -> 1;
            });
            setIfChanged(states.get(id), a.phase().text() + (a.detail().isEmpty() ? "" : ": " + a.detail()));
        });
        if (tally != null) {
            Tally.Overhead o = tally.overhead();
            row(0, o.gate());
            row(1, o.model());
            row(2, o.tool());
            setIfChanged(share, Double.isNaN(o.gateShare()) ? "gate share of end-to-end time: –"
                    : String.format(Locale.ROOT, "gate share of end-to-end time: %.2f%%", o.gateShare() * 100));
            Tally.Counts c = tally.totals();
            setIfChanged(totals, String.format(Locale.ROOT, "%d delivered · %d masked · %d blocked",
                    c.delivered(), c.masked(), c.blocked()));
        }
        setIfChanged(dropped, state.dropped() == 0 ? "" : state.dropped() + " events dropped from the view (the UI "
                + "fell behind; the run's record keeps them)");
    }

    private void row(int row, Tally.Percentiles p) {
        Label[] cells = figures[row];
        setIfChanged(cells[0], num(p.p50Millis()));
        setIfChanged(cells[1], num(p.p90Millis()));
        setIfChanged(cells[2], num(p.p99Millis()));
        setIfChanged(cells[3], Integer.toString(p.count()));
    }

    private static void setIfChanged(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    private static String num(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, millis < 1 ? "%.3f" : "%.1f", millis);
    }
}
