package dev.airlock.desktop.replay;

import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.events.EventRow;
import dev.airlock.desktop.events.EventsPanel;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.CanvasView;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if, as a user does it: open the research-assistant sample and a capture of its real run (a fixture the
 * CLI wrote against Docker, see the README beside it), give the researcher the mailer on the canvas, and see the
 * one blocked call marked as changed, in the table and on the new scope edge; undo, and the marks go.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayFxTest {

    /** Frame 11 of the capture: the researcher's call of mailer/send_email, blocked by scope.tool. */
    private static final long EXFILTRATION = 11;
    private static final String NEW_SCOPE = "scope:researcher>mailer";

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-test/" + System.nanoTime());
    private MainWindow window;
    private EditorModel model;
    private CanvasView canvas;
    private EventsPanel events;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        model = window.model();
        canvas = window.canvas();
        events = window.events();
        stage.show();
    }

    @AfterEach
    void forgetRecentFiles() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void anEditedPolicyMarksTheDecisionsThatWouldChange(FxRobot robot) throws Exception {
        openSampleAndCapture(robot);
        assertThat(events.shownRows()).hasSize(17);
        EventRow blocked = row(EXFILTRATION);
        assertThat(blocked.target()).isEqualTo("mailer/send_email");
        assertThat(blocked.verdict()).isEqualTo("block");
        assertThat(blocked.rule()).isEqualTo("scope.tool");
        waitFor(() -> window.replay().summaryText().contains("17 frames replayed"));
        assertThat(window.replay().summaryText()).startsWith("Under the policy on the canvas no decision would change");
        assertThat(events.changes()).isEmpty();

        // The what-if: give the researcher the mailer by dragging its handle onto the tool (one undoable edit).
        robot.drag("#node-agent-researcher-port").moveTo("#node-tool-mailer").drop();
        waitFor(() -> model.topology().agent("researcher").orElseThrow().tools().contains("mailer"));
        waitFor(() -> events.changes().containsKey(EXFILTRATION));

        assertThat(events.changes()).containsOnlyKeys(EXFILTRATION);
        assertThat(events.changes().get(EXFILTRATION)).startsWith("block scope.tool → ");
        assertThat(window.replay().summaryText()).contains("17 frames replayed").doesNotContain("no decision");
        assertThat(tableRow(robot, EXFILTRATION).getPseudoClassStates()).contains(PseudoClass.getPseudoClass("changed"));
        assertThat(tableRow(robot, 10).getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("changed"));
        assertThat(canvas.badge(NEW_SCOPE)).startsWith("1× block scope.tool → ");
        assertThat(robot.lookup("#badge-" + NEW_SCOPE.replaceAll("[^A-Za-z0-9-]", "_")).queryLabeled().isVisible())
                .isTrue();

        // 'Changed only' leaves the one frame; selecting it highlights the edge it now travels.
        robot.clickOn("#filter-changed");
        waitFor(() -> events.shownRows().size() == 1);
        robot.interact(() -> events.select(row(EXFILTRATION)));
        waitFor(() -> canvas.isHighlighted(NEW_SCOPE));
        robot.clickOn("#filter-changed");

        // Scrubbing back before frame 11 takes its badge off the canvas; forward again puts it back.
        robot.interact(() -> window.replay().scrubTo(10));
        waitFor(() -> canvas.badge(NEW_SCOPE).isEmpty());
        assertThat(events.shownRows()).hasSize(10);
        robot.interact(() -> window.replay().scrubTo(11));
        waitFor(() -> !canvas.badge(NEW_SCOPE).isEmpty());
        assertThat(events.shownRows()).hasSize(11);
        robot.interact(() -> window.replay().scrubTo(17));

        // Undo the edit: the capture is re-decided under the original policy and nothing is marked any more.
        robot.clickOn("#canvas");
        robot.push(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        waitFor(() -> !model.topology().agent("researcher").orElseThrow().tools().contains("mailer"));
        waitFor(() -> events.changes().isEmpty());
        assertThat(canvas.badge(NEW_SCOPE)).isEmpty();
        assertThat(canvas.badge("agent:researcher")).isEmpty();
    }

    @Test
    void aScopeTakenAwayMarksTheCallsOnTheAgentThatLostIt(FxRobot robot) throws Exception {
        openSampleAndCapture(robot);
        waitFor(() -> window.replay().summaryText().contains("17 frames replayed"));

        // Delete the researcher's scope edge to the web tool: its fetch would now be refused, and with no edge left
        // to carry it, the mark lands on the researcher.
        robot.interact(() -> model.select(List.of("scope:researcher>web")));
        robot.interact(model::deleteSelection);
        waitFor(() -> !model.topology().agent("researcher").orElseThrow().tools().contains("web"));
        waitFor(() -> !events.changes().isEmpty());
        assertThat(events.changes().values()).contains("deliver → block scope.tool");
        assertThat(canvas.badge("agent:researcher")).contains("deliver → block scope.tool");
    }

    @Test
    void aBrokenCaptureIsOneLineNotAStackTrace(FxRobot robot) throws Exception {
        Path broken = Path.of(getClass().getResource("README.md").toURI());
        robot.interact(() -> window.openCapture(broken));
        waitFor(() -> model.statusProperty().get().startsWith("Cannot open capture")
                && robot.lookup(".dialog-pane .content").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText())
                .contains("README.md:1: not a capture record").doesNotContain("Exception");
        assertThat(window.replay().isOpen()).isFalse();
    }

    private void openSampleAndCapture(FxRobot robot) throws Exception {
        Path sample = Path.of("../../samples/research-assistant/research-assistant.yaml").toAbsolutePath().normalize();
        AtomicReference<String> failure = new AtomicReference<>();
        robot.interact(() -> model.open(sample, failure::set));
        waitFor(() -> model.topology().name().equals("research-assistant") && model.isValidated());
        assertThat(failure.get()).isNull();
        robot.clickOn("#tab-events");
        Path capture = capture();
        robot.interact(() -> window.openCapture(capture));
        waitFor(() -> window.replay().isOpen() && events.shownRows().size() == 17);
    }

    private Path capture() throws URISyntaxException {
        return Path.of(getClass().getResource("research-assistant.capture").toURI());
    }

    private EventRow row(long seq) {
        return events.shownRows().stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private TableRow<EventRow> tableRow(FxRobot robot, long seq) throws Exception {
        robot.interact(() -> events.table().scrollTo(row(seq)));
        AtomicReference<TableRow<EventRow>> found = new AtomicReference<>();
        waitFor(() -> {
            found.set(robot.lookup(".table-row-cell").queryAll().stream().map(n -> (TableRow<EventRow>) n)
                    .filter(r -> r.getItem() != null && r.getItem().seq() == seq).findFirst().orElse(null));
            return found.get() != null;
        });
        return found.get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
