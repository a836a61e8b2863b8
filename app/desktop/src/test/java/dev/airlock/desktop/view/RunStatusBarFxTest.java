package dev.airlock.desktop.view;

import dev.airlock.core.event.SandboxReady;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.RecentFiles;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar follows a run: busy while images are prepared, the share of agents ready, then nothing. */
@ExtendWith(ApplicationExtension.class)
class RunStatusBarFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-status-test/" + System.nanoTime());
    private EditorModel model;
    private RunStatusBar status;

    @Start
    void start(Stage stage) {
        model = new EditorModel(new FxBridge(), new RecentFiles(prefs));
        status = new RunStatusBar(model);
        Scene scene = new Scene(status.node(), 1000, 40);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void showsTheRunsProgressAndTheDrawingsCounts(FxRobot robot) throws Exception {
        robot.interact(() -> model.open(Path.of("../../samples/research-assistant/research-assistant.yaml"),
                Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.isValidated());
        assertThat(robot.lookup("#status-counts").queryLabeled().getText())
                .isEqualTo("3 agents · 3 tools · 1 model · 4 pipes");
        assertThat(status.progress()).isZero();

        LiveState state = new LiveState(model.topology());
        robot.interact(() -> status.phase(LiveRun.Phase.PREPARING, state));
        assertThat(status.progress()).as("building images: no share to tell").isNegative();
        assertThat(robot.lookup(".progress-bar").queryAs(ProgressBar.class).isVisible()).isTrue();

        robot.interact(() -> {
            state.starting();
            status.phase(LiveRun.Phase.STARTING, state);
        });
        assertThat(status.progress()).as("no agent ready yet").isEqualTo(0.02);
        robot.interact(() -> {
            state.apply(new LiveFeed.Batch(List.of(new SandboxReady(0, 0, "r1", "planner", 900)), 0));
            status.agents(state);
        });
        assertThat(status.progress()).as("one of three agents ready").isEqualTo(1.0 / 3);

        robot.interact(() -> status.phase(LiveRun.Phase.RUNNING, state));
        assertThat(status.progress()).isZero();
        robot.interact(() -> status.phase(LiveRun.Phase.STOPPING, state));
        assertThat(status.progress()).isNegative();
        robot.interact(() -> status.phase(LiveRun.Phase.IDLE, state));
        assertThat(status.progress()).isZero();
    }
}
