package dev.airlock.desktop;

import dev.airlock.core.event.EventSink;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import dev.airlock.run.RunException;
import dev.airlock.run.docker.DockerCompartments;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presses Run in the real window against the real Docker engine: the clerk of {@code approval-desk} asks to read
 * Alice's notes (the dialog is answered), then reaches for a vault it has no scope for, which the gate refuses with
 * {@code scope.tool}, marked on the clerk → vault edge. After Stop no container of the run is left.
 */
@ExtendWith(ApplicationExtension.class)
class LiveRunFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-live-test/" + System.nanoTime());
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
    void runShowsTheBlockedCallWithItsRuleAsksForApprovalAndStopLeavesNothing(FxRobot robot) throws Exception {
        requireDocker();
        Path topology = resource("live/approval-desk/approval-desk.yaml");
        robot.interact(() -> window.model().open(topology, Assertions::fail));
        waitFor(10, () -> window.model().isValidated() && window.model().topology().name().equals("approval-desk"));

        robot.clickOn("#toolbar-run");
        // Images may need building on a fresh machine.
        waitFor(180, () -> window.liveRun().phase() == LiveRun.Phase.RUNNING);
        String runId = window.liveRun().runId();
        assertThat(runId).isNotNull();
        assertThat(containers(runId)).isNotEmpty();
        waitFor(10, () -> window.liveChip("clerk") != null && window.liveChip("clerk").startsWith("● ready"));

        window.liveRun().send("clerk", "What is on my list?");
        waitFor(60, () -> robot.lookup("#approval-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#approval-dialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("clerk wants to call notes");
        assertThat(robot.lookup("#approval-arguments").queryAs(TextArea.class).getText()).contains("todo.md");
        assertThat(robot.lookup("#approval-countdown").queryAs(Label.class).getText()).startsWith("Denied automatically");
        robot.clickOn("Approve once");

        // The approved read counts as delivered on the clerk's scope edge; the vault call is refused where it was
        // made, on an edge of its own (nothing in the drawing allows it), with the rule that decided.
        waitFor(60, () -> "scope.tool".equals(window.liveRule("call:clerk>vault")));
        assertThat(window.liveCounter("call:clerk>vault")).isEqualTo("✕ 1  scope.tool");
        waitFor(10, () -> "✓ 1".equals(window.liveCounter("scope:clerk>notes")));
        waitFor(30, () -> window.liveCounter("pipe:alice<->clerk") != null
                && window.liveCounter("pipe:alice<->clerk").startsWith("✓ 2"));
        assertThat(window.liveLabelsOverlap()).as("live labels overlap each other or a node").isFalse();

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(containers(runId)).as("containers of run " + runId).isEmpty();
        assertThat(window.liveChip("clerk")).startsWith("■ stopped");
    }

    @Test
    void aDrawingWithErrorsDoesNotStartAndShowsItsProblems(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        robot.clickOn("#palette-tool");
        // A fresh http.fetch tool may fetch nothing: an error, so Run must refuse.
        waitFor(10, () -> window.model().isValidated() && window.model().problems().stream().anyMatch(p -> p.isError()));

        robot.clickOn("#toolbar-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.liveRun().phase()).isEqualTo(LiveRun.Phase.IDLE);
        assertThat(window.runMessage().getText()).startsWith("Cannot run: fix 1 problem first");
        assertThat(robot.lookup("#problems").query().isVisible()).isTrue();
        assertThat(window.model().selection()).containsExactly("tool:tool-1");
    }

    /** Docker tests skip with a message without an engine, and fail under CI=true. */
    private static void requireDocker() {
        try {
            DockerCompartments.factory(Duration.ZERO).open(EventSink.NONE).close();
        } catch (RunException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
        }
    }

    /** Every container, running or not, that carries the run's label: asked of the engine itself. */
    private static List<String> containers(String runId) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=airlock.run=" + runId)
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as("docker ps: " + out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LiveRunFxTest.class.getResource(name).toURI());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
