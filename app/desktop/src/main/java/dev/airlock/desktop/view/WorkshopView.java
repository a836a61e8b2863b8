package dev.airlock.desktop.view;

import dev.airlock.desktop.live.WorkshopSession;
import dev.airlock.run.scenario.Scenario;
import dev.airlock.run.scenario.ScenarioSteps;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The workshop presenter: a scenario's narration in type large enough for a projector, the step counter, and
 * what each step did (the user's message, the gate's decision, an agent's answer) as it happens. Next (Space,
 * Right, PageDown) does the next step; Back (Left, PageUp) re-shows an earlier step's narration and what it did,
 * without undoing anything in the run, and Next then walks forward to where the run is.
 */
public final class WorkshopView extends VBox {

    /** What one step showed: its narration and the lines it produced, kept so Back can show them again. */
    private record Page(String say, List<String> lines) {
    }

    /** Starts the run or does the step: the window supplies the drawing and how to start it. */
    @FunctionalInterface
    interface Stepper {
        void next(WorkshopSession session, WorkshopSession.Listener listener);
    }

    private final WorkshopSession session;
    private final Stepper stepper;
    private final Label counter = new Label();
    private final Label narration = new Label();
    private final VBox lines = new VBox(2);
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final List<Page> pages = new ArrayList<>();
    /** The page shown: -1 before the first step. */
    private int shown = -1;
    private boolean stepping;
    private CompletableFuture<Void> toEnd;
    private final EventHandler<KeyEvent> keys = this::key;

    WorkshopView(WorkshopSession session, Stepper stepper, Runnable close) {
        this.session = session;
        this.stepper = stepper;
        setId("workshop");
        getStyleClass().add("workshop");
        Label title = new Label(session.scenario().title());
        title.setId("workshop-title");
        title.getStyleClass().add("workshop-title");
        counter.setId("workshop-counter");
        counter.getStyleClass().add("workshop-counter");
        back.setId("workshop-back");
        next.setId("workshop-next");
        next.getStyleClass().add("workshop-next");
        Button closeButton = new Button("✕");
        closeButton.setId("workshop-close");
        closeButton.setTooltip(new javafx.scene.control.Tooltip("Close the presenter; the run stays up"));
        for (Button b : List.of(back, next, closeButton)) {
            b.setFocusTraversable(false);
        }
        back.setOnAction(e -> back());
        next.setOnAction(e -> next());
        closeButton.setOnAction(e -> close.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(12, title, spring, counter, back, next, closeButton);
        bar.getStyleClass().add("workshop-bar");
        narration.setId("workshop-narration");
        narration.getStyleClass().add("workshop-narration");
        narration.setWrapText(true);
        narration.setMinHeight(Region.USE_PREF_SIZE);
        lines.setId("workshop-lines");
        getChildren().addAll(bar, narration, lines);
        sceneProperty().addListener((o, before, now) -> {
            if (before != null) {
                before.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
        show();
    }

    /** The narration shown now, for tests and screenshots. */
    public String narration() {
        return narration.getText();
    }

    public String counter() {
        return counter.getText();
    }

    /** The lines shown under the narration. */
    public List<String> lines() {
        return lines.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    public WorkshopSession session() {
        return session;
    }

    /** Presses Next until the last step is done; completes then (for {@code --run --screenshot}). */
    public CompletableFuture<Void> playToEnd() {
        toEnd = new CompletableFuture<>();
        advanceToEnd();
        return toEnd;
    }

    private void advanceToEnd() {
        if (toEnd == null || toEnd.isDone()) {
            return;
        }
        if (shown == pages.size() - 1 && !session.hasNext()) {
            toEnd.complete(null);
        } else {
            next();
        }
    }

    /** Walks forward through pages already seen, then does the next step of the scenario. */
    public void next() {
        if (stepping && !session.waitsOnAStoppedRun()) {
            return;
        }
        if (shown < pages.size() - 1) {
            shown++;
            show();
            return;
        }
        if (!session.hasNext()) {
            return;
        }
        stepping = true;
        show();
        stepper.next(session, listener);
    }

    /** The run went up or down: a step left waiting on a stopped run must not keep Next disabled. */
    public void runPhaseChanged() {
        show();
    }

    /** Re-shows the previous step's narration; the run goes on as it is. */
    public void back() {
        if (shown >= 0) {
            shown--;
            show();
        }
    }

    private final WorkshopSession.Listener listener = new WorkshopSession.Listener() {
        @Override
        public void began(int number, Scenario.Step step) {
            while (pages.size() >= number) {
                pages.remove(pages.size() - 1);
            }
            pages.add(new Page(step.say() == null ? "" : step.say(), new ArrayList<>()));
            shown = pages.size() - 1;
            show();
        }

        @Override
        public void line(int number, String line) {
            if (number < 1 || number > pages.size()) {
                return;
            }
            pages.get(number - 1).lines().add(line);
            if (shown == number - 1) {
                show();
            }
        }

        @Override
        public void finished(ScenarioSteps.Outcome outcome) {
            stepping = false;
            show();
            advanceToEnd();
        }

        @Override
        public void restarted() {
            pages.clear();
            shown = -1;
        }

        @Override
        public void failed(int number, String message) {
            stepping = false;
            if (number >= 1 && number <= pages.size()) {
                pages.get(number - 1).lines().add("cannot do this step: " + message);
                shown = number - 1;
            } else {
                pages.add(new Page("Step " + number + " could not be done.", new ArrayList<>(List.of(message))));
                shown = pages.size() - 1;
            }
            show();
            if (toEnd != null) {
                toEnd.complete(null);
            }
        }
    };

    private void show() {
        int total = session.scenario().steps().size();
        lines.getChildren().clear();
        if (shown < 0) {
            counter.setText(total + " steps");
            narration.setText(stepping ? "Starting the run…"
                    : "Press Next (Space, →, PageDown) to begin: the first step starts the run.");
        } else {
            Page page = pages.get(shown);
            counter.setText("Step " + (shown + 1) + " of " + total);
            narration.setText(page.say());
            for (String line : page.lines()) {
                Label l = new Label(line);
                l.getStyleClass().add("workshop-line");
                l.setWrapText(true);
                lines.getChildren().add(l);
            }
            if (stepping && shown == pages.size() - 1) {
                Label wait = new Label("…");
                wait.getStyleClass().addAll("workshop-line", "workshop-waiting");
                lines.getChildren().add(wait);
            }
        }
        back.setDisable(shown < 0);
        next.setDisable((stepping && !session.waitsOnAStoppedRun())
                || (shown == pages.size() - 1 && !session.hasNext()));
    }

    private void key(KeyEvent e) {
        Scene scene = getScene();
        if (scene != null && scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.SPACE || code == KeyCode.RIGHT || code == KeyCode.PAGE_DOWN) {
            next();
            e.consume();
        } else if (code == KeyCode.LEFT || code == KeyCode.PAGE_UP) {
            back();
            e.consume();
        }
    }
}
