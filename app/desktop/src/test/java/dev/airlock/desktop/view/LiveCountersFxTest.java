package dev.airlock.desktop.view;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.RecentFiles;
import javafx.geometry.Bounds;
import javafx.scene.Node;
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

/**
 * A drawn edge's counter is made and placed when the run begins and shows once a message crosses the edge; since all
 * are placed at once, each lands in the same spot whatever order the messages come in.
 */
@ExtendWith(ApplicationExtension.class)
class LiveCountersFxTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml")
            .toAbsolutePath().normalize();
    private static final String TO_RESEARCHER = "pipe:planner<->researcher";
    private static final String TO_WRITER = "pipe:researcher->writer";
    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-counters-test/" + System.nanoTime());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void countersWaitUnseenInTheirSpotsUntilAMessageCrossesTheirEdge(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().open(SAMPLE, Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().isValidated());
        LiveOverlay live = window.canvas().live();

        LiveState first = new LiveState(window.model().topology());
        robot.interact(() -> live.begin(first));
        assertThat(window.liveCounter(TO_RESEARCHER)).as("no message yet").isNull();
        assertThat(counter(robot, TO_RESEARCHER).isVisible()).isFalse();
        assertThat(counter(robot, TO_WRITER).isVisible()).isFalse();
        Bounds researcherSpot = spot(robot, TO_RESEARCHER);
        Bounds writerSpot = spot(robot, TO_WRITER);

        robot.interact(() -> live.update(first.apply(batch(deliver("planner", "researcher")))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "✓ 1".equals(window.liveCounter(TO_RESEARCHER)));
        assertThat(counter(robot, TO_RESEARCHER).isVisible()).isTrue();
        assertThat(spot(robot, TO_RESEARCHER)).as("shown where it waited").isEqualTo(researcherSpot);
        assertThat(window.liveCounter(TO_WRITER)).as("an edge nothing crossed").isNull();
        assertThat(counter(robot, TO_WRITER).isVisible()).isFalse();

        robot.interact(() -> live.update(first.apply(batch(deliver("researcher", "writer")))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "✓ 1".equals(window.liveCounter(TO_WRITER)));
        assertThat(window.liveLabelsOverlap()).isFalse();

        // The next run, its messages the other way round: every counter in the same spot as before.
        LiveState second = new LiveState(window.model().topology());
        robot.interact(() -> {
            live.begin(second);
            live.update(second.apply(batch(deliver("researcher", "writer"))));
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "✓ 1".equals(window.liveCounter(TO_WRITER)));
        robot.interact(() -> live.update(second.apply(batch(deliver("planner", "researcher")))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "✓ 1".equals(window.liveCounter(TO_RESEARCHER)));
        assertThat(spot(robot, TO_WRITER)).isEqualTo(writerSpot);
        assertThat(spot(robot, TO_RESEARCHER)).isEqualTo(researcherSpot);
    }

    private static Node counter(FxRobot robot, String edgeKey) {
        return robot.lookup("#live-" + edgeKey.replaceAll("[^A-Za-z0-9-]", "_")).query();
    }

    private static Bounds spot(FxRobot robot, String edgeKey) {
        return counter(robot, edgeKey).getBoundsInParent();
    }

    private static LiveFeed.Batch batch(AirlockEvent... events) {
        return new LiveFeed.Batch(List.of(events), 0);
    }

    private static GateDecision deliver(String agent, String target) {
        long now = System.nanoTime();
        return new GateDecision(now, System.currentTimeMillis(), agent, "f1", target, "message", "", GateAction.DELIVER,
                "pathway.declared", "", List.of(), 10, 10, 1000, 0, 0);
    }
}
