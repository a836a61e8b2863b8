package dev.airlock.desktop.view;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.RecentFiles;
import javafx.geometry.Bounds;
import javafx.scene.Node;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's refusals printed by an agent ({@code sandbox.output} lines) show on that agent's node as a halo and a
 * badge with their count; other output and other agents' nodes stay as they were.
 */
@ExtendWith(ApplicationExtension.class)
class RefusalHaloFxTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml")
            .toAbsolutePath().normalize();
    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-halo-test/" + System.nanoTime());
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
    void kernelRefusalsShowAsAHaloAndACountOnTheAgentsNode(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().open(SAMPLE, Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().isValidated());
        LiveOverlay live = window.canvas().live();
        LiveState state = new LiveState(window.model().topology());
        robot.interact(() -> {
            live.begin(state);
            live.update(state.apply(batch(
                    out("researcher", "sh: can't create /etc/passwd: Read-only file system"),
                    out("researcher", "fetching the guide"),
                    out("researcher", "nc: socket: Operation not permitted"),
                    out("writer", "drafting the answer"))));
        });

        Label badge = window.liveRefusals("researcher");
        assertThat(badge).as("badge on the researcher").isNotNull();
        assertThat(badge.getText()).isEqualTo("⛔ 2");
        assertThat(window.liveRefusals("writer")).as("plain output raises nothing").isNull();
        assertThat(window.liveRefusals("planner")).isNull();

        Bounds node = scene(robot.lookup("#" + NodeView.idFor("agent:researcher")).query());
        Bounds onBadge = scene(badge);
        assertThat(onBadge.contains(node.getMaxX(), node.getMinY())).as("badge " + onBadge + " straddles the node's top-right corner " + node).isTrue();
        Node halo = robot.lookup("#live-halo-researcher").query();
        assertThat(halo.isVisible()).isTrue();
        Bounds ring = scene(halo);
        assertThat(ring.contains(node)).as("halo " + ring + " surrounds the node " + node).isTrue();
        assertThat(robot.lookup("#live-halo-writer").query().isVisible()).isFalse();

        // More refusals later raise the count; the chip under the node names the latest.
        robot.interact(() -> live.update(state.apply(batch(out("researcher", "mkdir: can't create directory '/x': Permission denied")))));
        // Counts refresh at most every 250 ms under load (the live view's throttle), so wait for the next refresh.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "⛔ 3".equals(window.liveRefusals("researcher").getText())
                && !window.liveLabelsOverlap());
    }

    private static Bounds scene(Node n) {
        // Layout bounds, where the node is laid out.
        return n.localToScene(n.getLayoutBounds());
    }

    private static LiveFeed.Batch batch(AirlockEvent... events) {
        return new LiveFeed.Batch(List.of(events), 0);
    }

    private static SandboxOutput out(String agent, String line) {
        return new SandboxOutput(System.nanoTime(), System.currentTimeMillis(), "r1", agent, true, line);
    }
}
