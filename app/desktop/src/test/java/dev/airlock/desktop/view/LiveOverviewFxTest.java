package dev.airlock.desktop.view;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.OverviewMarks.Tone;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.shape.Line;
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
 * Zoomed out too far to read a counter, the live view shows each crossed edge as a dot in its verdict's colour and each
 * agent as a bar in its state's colour, with refused calls' edges and the kernel's halos as before; zoomed in again,
 * the counters and badges are there, up to date.
 */
@ExtendWith(ApplicationExtension.class)
class LiveOverviewFxTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml")
            .toAbsolutePath().normalize();
    private static final String TO_RESEARCHER = "pipe:planner<->researcher";
    private static final String CALL_MAILER = LiveState.CALL + "researcher>mailer";
    private final Preferences prefs =
            Preferences.userRoot().node("dev/airlock/desktop-overview-test/" + System.nanoTime());
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
    void farOutEdgesAndAgentsAreMarksInTheirColoursAndCloseInTheCountersAreBack(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().open(SAMPLE, Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().isValidated());
        CanvasView canvas = window.canvas();
        LiveOverlay live = canvas.live();
        OverviewMarks overview = live.overview;
        robot.interact(() -> canvas.zoomBy(0.3 / canvas.scaleProperty().get()));

        LiveState state = new LiveState(window.model().topology());
        robot.interact(() -> {
            live.begin(state);
            live.update(state.apply(batch(decision("planner", "researcher", GateAction.DELIVER, "pathway.declared"),
                    decision("researcher", "mailer/send_email", GateAction.BLOCK, "scope.tool"))));
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> overview.count(Tone.ERROR) == 1);
        assertThat(live.above.getScene()).as("labels too small to read, out of the scene").isNull();
        assertThat(overview.layer.isVisible()).isTrue();
        assertThat(overview.count(Tone.OK)).as("the delivered edge").isEqualTo(1);
        assertThat(overview.count(Tone.RISK)).as("three agents, none ready yet").isEqualTo(3);
        assertOnEdgeAndClearOfNodes(canvas, overview, CALL_MAILER, "researcher", "mailer");
        assertOnEdgeAndClearOfNodes(canvas, overview, TO_RESEARCHER, "planner", "researcher");
        Point2D refused = overview.spotOf(CALL_MAILER);
        assertThat(overview.covers(Tone.ERROR, refused.getX(), refused.getY())).isTrue();
        assertThat(overview.covers(Tone.OK, refused.getX(), refused.getY())).isFalse();
        Line call = robot.lookup(".live-call").query();
        Bounds researcher = canvas.nodeBox("researcher");
        assertThat(call.contains(call.getStartX(), call.getStartY())).isTrue();
        assertThat(Math.hypot(call.getStartX() - researcher.getCenterX(), call.getStartY() - researcher.getCenterY()))
                .as("the refused call's dashed edge starts at the researcher").isLessThan(researcher.getWidth());

        // The kernel's refusals still ring their agent.
        robot.interact(() -> live.update(state.apply(batch(new SandboxOutput(System.nanoTime(),
                System.currentTimeMillis(), "r1", "writer", true, "open /work/x: Read-only file system")))));
        Node halo = robot.lookup("#live-halo-writer").query();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, halo::isVisible);
        assertThat(halo.getBoundsInParent().contains(canvas.nodeBox("writer"))).isTrue();

        // A masked message turns its edge's dot from delivered to masked.
        robot.interact(() -> live.update(state.apply(batch(
                decision("planner", "researcher", GateAction.MASK, "guard.pii")))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> overview.count(Tone.RISK) == 4);
        assertThat(overview.count(Tone.OK)).isZero();
        Point2D masked = overview.spotOf(TO_RESEARCHER);
        assertThat(overview.covers(Tone.RISK, masked.getX(), masked.getY())).isTrue();

        robot.interact(() -> canvas.zoomBy(1 / canvas.scaleProperty().get()));
        assertThat(live.above.getScene()).isNotNull();
        assertThat(overview.layer.isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> "✕ 1  scope.tool".equals(window.liveCounter(CALL_MAILER)));
        assertThat(window.liveCounter(TO_RESEARCHER)).isEqualTo("✓ 1  ◐ 1  guard.pii");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> live.refusalBadgeOf("writer") != null);
        assertThat(live.refusalBadgeOf("writer").getText()).isEqualTo("⛔ 1");

        // Further out than before, the dots are placed again for the new size, still on their edges.
        robot.interact(() -> canvas.zoomBy(0.2 / canvas.scaleProperty().get()));
        assertThat(overview.layer.isVisible()).isTrue();
        assertOnEdgeAndClearOfNodes(canvas, overview, CALL_MAILER, "researcher", "mailer");
        assertThat(overview.count(Tone.ERROR)).isEqualTo(1);
    }

    /** The dot lies on the straight line between the two nodes' centres, and on neither node. */
    private static void assertOnEdgeAndClearOfNodes(CanvasView canvas, OverviewMarks overview, String key, String from,
                                                    String to) {
        Point2D dot = overview.spotOf(key);
        assertThat(dot).as(key).isNotNull();
        Bounds a = canvas.nodeBox(from);
        Bounds b = canvas.nodeBox(to);
        Point2D p = new Point2D(a.getCenterX(), a.getCenterY());
        Point2D q = new Point2D(b.getCenterX(), b.getCenterY());
        Point2D along = q.subtract(p).normalize();
        Point2D off = dot.subtract(p);
        double across = Math.abs(off.getX() * along.getY() - off.getY() * along.getX());
        assertThat(across).as("%s: distance from its edge", key).isLessThan(1);
        for (Bounds node : canvas.nodeBoxes()) {
            assertThat(node.contains(dot)).as("%s's dot on a node", key).isFalse();
        }
    }

    private static LiveFeed.Batch batch(AirlockEvent... events) {
        return new LiveFeed.Batch(List.of(events), 0);
    }

    private static GateDecision decision(String agent, String target, GateAction action, String rule) {
        long now = System.nanoTime();
        return new GateDecision(now, System.currentTimeMillis(), agent, "f1", target, "message", "", action, rule, "",
                List.of(), 10, 10, 1000, 0, 0);
    }
}
