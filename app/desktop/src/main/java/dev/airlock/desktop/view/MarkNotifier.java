package dev.airlock.desktop.view;

import dev.airlock.core.event.GateAction;
import dev.airlock.desktop.live.LiveState;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The notice of blocked and masked calls, in the corner of the drawing: at most one per interval, naming the latest
 * refusal and counting the others since the last one. Clicking it shows where the latest one happened.
 * <p>
 * It is a node of the window, not a window of its own. ControlsFX's notifications each opened a popup window and
 * faded it in and out; under a busy run every one of them made several frames of the whole window late (about seven
 * pulses over 20 ms per notice in {@code ui --bench-live}), and a hostile agent is refused all the time.
 */
final class MarkNotifier {

    /** As long as one stays up: one notice on screen at a time. */
    static final Duration EVERY = Duration.seconds(6);
    private static final Duration FADE_IN = Duration.millis(150);

    private final Consumer<LiveState.Mark> show;
    private final Throttle throttle;
    private final PauseTransition hideLater;
    private final FadeTransition fadeIn;
    private final VBox box = new VBox(2);
    private final Label title = new Label();
    private final Label text = new Label();
    private LiveState.Mark latest;
    private LiveState.Mark shown;
    private int since;

    MarkNotifier(Consumer<LiveState.Mark> show) {
        this(EVERY, show);
    }

    MarkNotifier(Duration every, Consumer<LiveState.Mark> show) {
        this.show = show;
        this.throttle = new Throttle(every, this::raise);
        this.hideLater = new PauseTransition(every);
        hideLater.setOnFinished(e -> hide());
        Label hint = new Label("Click to show where it happened");
        hint.getStyleClass().add("mark-notice-hint");
        title.getStyleClass().add("mark-notice-title");
        text.getStyleClass().add("mark-notice-text");
        text.setWrapText(true);
        box.getChildren().addAll(title, text, hint);
        box.getStyleClass().add("mark-notice");
        box.setId("mark-notice");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setPrefWidth(360);
        box.setVisible(false);
        // Drawn once per notice; the frames of a busy run around it only copy it.
        box.setCache(true);
        this.fadeIn = new FadeTransition(FADE_IN, box);
        fadeIn.setFromValue(0);
        fadeIn.setToValue(1);
        box.setOnMouseClicked(e -> {
            LiveState.Mark where = shown;
            hide();
            if (where != null) {
                show.accept(where);
            }
        });
    }

    /** The notice, for the window to put over the drawing's bottom-left corner. */
    Node node() {
        return box;
    }

    /** A batch's marks; call on the FX thread. */
    void offer(List<LiveState.Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        latest = marks.getLast();
        since += marks.size();
        throttle.request();
    }

    /** Forgets what was not shown yet and takes the notice down (a new run, or the window closing). */
    void reset() {
        throttle.cancel();
        latest = null;
        since = 0;
        hide();
    }

    /** What the notice says, title first; empty while none is up. For tests. */
    List<String> showing() {
        return box.isVisible() ? List.of(title.getText(), text.getText()) : List.of();
    }

    private void raise() {
        LiveState.Mark last = latest;
        int count = since;
        latest = null;
        since = 0;
        if (last == null) {
            return;
        }
        boolean masked = last.action() == GateAction.MASK;
        title.setText(masked ? "Masked by the gate" : "Blocked by the gate");
        String more = count == 1 ? "" : String.format(Locale.ROOT, "\n(and %,d more since the last notice)", count - 1);
        text.setText(last.text() + "\n" + last.reason() + more);
        box.pseudoClassStateChanged(NodeView.ERROR, !masked);
        box.pseudoClassStateChanged(NodeView.RISK, masked);
        shown = last;
        if (!box.isVisible()) {
            box.setVisible(true);
            fadeIn.playFromStart();
        }
        hideLater.playFromStart();
    }

    private void hide() {
        hideLater.stop();
        fadeIn.stop();
        box.setVisible(false);
        shown = null;
    }
}
