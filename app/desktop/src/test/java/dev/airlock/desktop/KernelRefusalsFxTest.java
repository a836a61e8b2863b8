package dev.airlock.desktop;

import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile agent in a real container tries to write where its read-only root filesystem does not let it; the
 * kernel's two refusals, as the agent printed them, show as a badge with their count on that agent's node, and
 * none on its well-behaved neighbour's. After Stop no container of the run is left.
 */
@ExtendWith(ApplicationExtension.class)
class KernelRefusalsFxTest {

    @TempDir
    Path dir;
    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-kernel-test/" + System.nanoTime());
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
    void aHostileAgentsKernelRefusalsShowOnItsNode(FxRobot robot) throws Exception {
        LiveRunFxTest.requireDocker();
        Path topology = dir.resolve("breakout.yaml");
        Files.writeString(topology, """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: breakout}
                agents:
                  - {id: echo, image: airlock/agent-java}
                  - id: writer
                    image: airlock/probe
                    command: [sh, -c, "echo looking around; (echo x > /etc/passwd) && echo OUT; touch /bin/x && echo OUT; sleep 60"]
                pipes:
                  - {from: user, to: echo, direction: both}
                layout:
                  user: {x: 40, y: 120}
                  echo: {x: 300, y: 120}
                  writer: {x: 300, y: 320}
                """);
        robot.interact(() -> window.model().open(topology, Assertions::fail));
        waitFor(10, () -> window.model().isValidated() && window.model().topology().name().equals("breakout"));

        robot.clickOn("#toolbar-run");
        waitFor(180, () -> window.liveRun().runId() != null);
        String runId = window.liveRun().runId();
        waitFor(120, () -> window.liveRefusals("writer") != null && window.liveRefusals("writer").getText().equals("⛔ 2"));
        assertThat(window.liveRefusals("echo")).isNull();

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(LiveRunFxTest.containers(runId)).as("containers of run " + runId).isEmpty();
        assertThat(window.liveRefusals("writer").getText()).as("still shown after the run").isEqualTo("⛔ 2");
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
