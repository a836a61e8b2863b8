package dev.airlock.desktop;

import dev.airlock.desktop.events.EventRow;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send bar against the real Docker engine on the research-assistant sample: a question typed to the planner
 * passes the gate and the writer's answer to the user shows in the events; a kind the user pipe does not carry is
 * refused by the gate, and the bar says by which rule.
 */
@ExtendWith(ApplicationExtension.class)
class SendBarFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-send-test/" + System.nanoTime());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        window.stopRunNow();
        prefs.removeNode();
    }

    @Test
    void aTypedMessageRunsThroughTheTopologyAndItsAnswerShowsInTheEvents(FxRobot robot) throws Exception {
        LiveRunFxTest.requireDocker();
        assertThat(robot.lookup("#send-bar").query().isVisible()).as("no send bar without a run").isFalse();
        robot.interact(() -> window.model().open(LiveRunFxTest.SAMPLE, Assertions::fail));
        waitFor(10, () -> window.model().isValidated());

        robot.clickOn("#toolbar-run");
        waitFor(180, () -> window.liveRun().phase() == LiveRun.Phase.RUNNING);
        String runId = window.liveRun().runId();
        @SuppressWarnings("unchecked")
        ComboBox<String> to = robot.lookup("#send-to").queryAs(ComboBox.class);
        // Only alice <-> planner carries the user's messages; writer -> alice is one-way.
        assertThat(to.getItems()).containsExactly("planner");
        assertThat(to.getValue()).isEqualTo("planner");

        // A kind the pipe does not carry: the gate refuses it, the bar names the rule.
        robot.interact(() -> robot.lookup("#send-kind").queryAs(ComboBox.class).getEditor().setText("answer"));
        robot.clickOn("#send-text").write("not a message");
        robot.clickOn("#send-button");
        waitFor(30, () -> verdict(robot).startsWith("Refused by the gate: pathway."));

        robot.interact(() -> robot.lookup("#send-kind").queryAs(ComboBox.class).getEditor().setText("message"));
        robot.clickOn("#send-text").write("How should I sandbox the AI agents on my laptop?");
        robot.clickOn("#send-button");
        waitFor(30, () -> verdict(robot).startsWith("Passed the gate to planner (message)"));
        waitFor(90, () -> window.events().shownRows().stream().anyMatch(SendBarFxTest::answerToAlice));
        assertThat(window.events().shownRows()).anyMatch(r -> r.agent().equals("alice") && r.target().equals("planner")
                && r.verdict().equals("deliver"));

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(LiveRunFxTest.containers(runId)).as("containers of run " + runId).isEmpty();
    }

    private static boolean answerToAlice(EventRow r) {
        return r.agent().equals("writer") && r.target().equals("alice") && r.kind().equals("answer")
                && r.verdict().equals("deliver");
    }

    private static String verdict(FxRobot robot) {
        return robot.lookup("#send-verdict").queryAs(Label.class).getText();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
