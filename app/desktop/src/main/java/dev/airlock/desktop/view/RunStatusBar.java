package dev.airlock.desktop.view;

import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.EditorModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;

/**
 * The window's status bar (ControlsFX): the editor's latest message on the left, the drawing's counts on the right,
 * and the run's progress between them: indeterminate while images are checked and built and while the run stops,
 * the share of agents ready while they start, nothing once they run.
 */
final class RunStatusBar {

    private final StatusBar bar = new StatusBar();
    private LiveRun.Phase phase = LiveRun.Phase.IDLE;

    RunStatusBar(EditorModel model) {
        bar.setId("status-bar");
        bar.textProperty().bind(model.statusProperty());
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            Topology t = model.topology();
            return count(t.agents().size(), "agent") + " · " + count(t.tools().size(), "tool") + " · "
                    + count(t.models().size(), "model") + " · " + count(t.pipes().size(), "pipe");
        }, model.topologyProperty()));
        bar.getRightItems().add(counts);
    }

    StatusBar node() {
        return bar;
    }

    /** The run moved on; {@code state} is the run's view, null when there is none. */
    void phase(LiveRun.Phase next, LiveState state) {
        phase = next;
        agents(state);
    }

    /** While agents start, how many of them are ready. */
    void agents(LiveState state) {
        bar.setProgress(switch (phase) {
            case PREPARING, STOPPING -> -1;
            case STARTING -> state == null || state.agents().isEmpty() ? -1 : ready(state);
            case IDLE, RUNNING -> 0;
        });
    }

    /** For tests: the progress shown; 0 when none, negative while it cannot be told. */
    double progress() {
        return bar.getProgress();
    }

    private static double ready(LiveState state) {
        long up = state.agents().values().stream().filter(a -> a.phase() == LiveState.AgentPhase.READY).count();
        // Never a full bar while still starting, never an empty one: the bar would vanish at 0.
        return Math.max(0.02, Math.min(0.98, (double) up / state.agents().size()));
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
