package dev.airlock.desktop;

import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.validation.TopologyRisk;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.CanvasView;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real window headless (Monocle) the way a user would: palette, drags, properties, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-test/" + System.nanoTime());
    private MainWindow window;
    private EditorModel model;
    private CanvasView canvas;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        model = window.model();
        canvas = window.canvas();
        stage.show();
    }

    @AfterEach
    void forgetRecentFiles() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void drawConnectEditUndoRedoSaveAndReopen(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        robot.clickOn("#palette-tool");
        waitFor(() -> canvas.nodeFor("agent:agent-1") != null && canvas.nodeFor("tool:tool-1") != null);
        assertThat(model.topology().agent("agent-1")).isPresent();
        assertThat(model.topology().tool("tool-1")).isPresent();

        // A fresh http.fetch tool may fetch nothing: the validator says so and the node gets an error marker.
        waitFor(() -> canvas.hasMarker("tool:tool-1", true));
        assertThat(model.problems()).anySatisfy(p -> assertThat(p.element()).isEqualTo("tool:tool-1"));

        // Connect by dragging from the agent's handle onto the tool: the tool enters the agent's scope.
        robot.drag("#node-agent-agent-1-port").moveTo("#node-tool-tool-1").drop();
        waitFor(() -> model.topology().agent("agent-1").orElseThrow().tools().equals(List.of("tool-1")));
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo Connect: give agent-1 the tool tool-1");

        // Edit a property: the egress allowlist. The marker clears once validation catches up.
        robot.clickOn("#node-tool-tool-1");
        robot.clickOn("#prop-allow").write("docs.example.org").type(KeyCode.ENTER);
        waitFor(() -> model.topology().tool("tool-1").orElseThrow().allowedHosts().equals(List.of("docs.example.org")));
        waitFor(() -> !canvas.hasMarker("tool:tool-1", true));
        assertThat(editMenuItem(0).getText()).isEqualTo("Undo Set egress allowlist of 'tool-1'");

        // Undo through the keyboard brings the problem back; redo clears it again.
        robot.clickOn("#canvas");
        robot.push(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        waitFor(() -> model.topology().tool("tool-1").orElseThrow().allow().isEmpty());
        waitFor(() -> canvas.hasMarker("tool:tool-1", true));
        assertThat(editMenuItem(1).getText()).isEqualTo("Redo Set egress allowlist of 'tool-1'");
        robot.push(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        waitFor(() -> !model.topology().tool("tool-1").orElseThrow().allow().isEmpty());
        waitFor(() -> !canvas.hasMarker("tool:tool-1", true));

        // Save, reopen, compare: same elements, same scopes, same positions.
        Topology drawn = model.topology();
        Path file = dir.resolve("drawn.yaml");
        robot.interact(() -> {
            try {
                model.saveAs(file);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(model.dirtyProperty().get()).isFalse();
        LoadResult reread = TopologyReader.read(file);
        assertThat(reread.problems()).isEmpty();
        assertThat(reread.topology()).isEqualTo(drawn);
        assertThat(reread.topology().layout()).containsKeys("user", "agent-1", "tool-1");

        robot.interact(model::newTopology);
        waitFor(() -> model.topology().agents().isEmpty());
        AtomicReference<String> failure = new AtomicReference<>();
        robot.interact(() -> model.open(file, failure::set));
        waitFor(() -> file.equals(model.fileProperty().get()) && model.topology().agent("agent-1").isPresent());
        assertThat(failure.get()).isNull();
        assertThat(model.topology()).isEqualTo(drawn);
        assertThat(model.recentFiles().list()).first().isEqualTo(file.toAbsolutePath().normalize());
    }

    @Test
    void refusesAnInvalidConnectionWithAReasonWhileDragging(FxRobot robot) throws Exception {
        robot.clickOn("#palette-tool");
        waitFor(() -> canvas.nodeFor("tool:tool-1") != null);
        Topology before = model.topology();

        robot.drag("#node-user-user-port").moveTo("#node-tool-tool-1");
        Label hint = robot.lookup("#connect-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).startsWith("✗").contains("only through an agent");
        robot.drop();

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.topology()).isEqualTo(before);
        assertThat(model.statusProperty().get()).contains("only through an agent");
    }

    @Test
    void pipesJoinAgentsAndCarryPolicy(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        robot.clickOn("#palette-agent");
        waitFor(() -> canvas.nodeFor("agent:agent-2") != null);
        robot.drag("#node-agent-agent-1-port").moveTo("#node-agent-agent-2").drop();
        waitFor(() -> model.topology().pipes().size() == 1);
        assertThat(model.topology().pipes().get(0).id()).isEqualTo("agent-1->agent-2");

        robot.interact(() -> model.select(List.of("pipe:agent-1->agent-2")));
        robot.clickOn("#prop-kinds").eraseText(20).write("task, findings").type(KeyCode.ENTER);
        waitFor(() -> model.topology().pipes().get(0).kinds().equals(List.of("task", "findings")));

        // A guardrail the catalog does not know is an error marked on the pipe itself.
        robot.interact(() -> model.select(List.of("pipe:agent-1->agent-2")));
        robot.clickOn("#prop-guardrails").write("pii, nosuch").type(KeyCode.ENTER);
        waitFor(() -> canvas.hasMarker("pipe:agent-1->agent-2", true));
        robot.interact(model::undo);
        waitFor(() -> !canvas.hasMarker("pipe:agent-1->agent-2", true));
    }

    @Test
    void copyPasteDeleteAndMarqueeSelection(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        waitFor(() -> canvas.nodeFor("agent:agent-1") != null);
        robot.clickOn("#node-agent-agent-1");
        robot.push(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        robot.push(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        waitFor(() -> model.topology().agents().size() == 2);
        String pasted = model.topology().agents().get(1).id();
        assertThat(model.selection()).containsExactly("agent:" + pasted);

        robot.push(KeyCode.DELETE);
        waitFor(() -> model.topology().agents().size() == 1);
        assertThat(model.topology().layout()).doesNotContainKey(pasted);

        // Marquee from an empty corner of the canvas across the whole visible area selects every node in it.
        Node canvasNode = robot.lookup("#canvas").query();
        javafx.geometry.Bounds b = canvasNode.localToScreen(canvasNode.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + 3, b.getMinY() + 3))
                .drag(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(b.getMaxX() - 3, b.getMaxY() - 3)).drop();
        waitFor(() -> model.selection().contains("agent:agent-1"));
    }

    @Test
    void draggingANodeIsOneUndoableMoveSnappedToTheGrid(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        waitFor(() -> canvas.nodeFor("agent:agent-1") != null);
        var before = model.topology().layout().get("agent-1");
        robot.drag("#node-agent-agent-1").moveBy(93, 47).drop();
        waitFor(() -> !model.topology().layout().get("agent-1").equals(before));
        var after = model.topology().layout().get("agent-1");
        assertThat(after.x() % CanvasView.GRID).isZero();
        assertThat(after.y() % CanvasView.GRID).isZero();
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo Move 'agent-1'");
        robot.interact(model::undo);
        assertThat(model.topology().layout().get("agent-1")).isEqualTo(before);
    }

    @Test
    void newFromSampleThenAutoLayoutIsOneUndoableEditAndThemesSwitch(FxRobot robot) throws Exception {
        Path sample = Path.of("../../samples/research-assistant/research-assistant.yaml").toAbsolutePath().normalize();
        AtomicReference<String> failure = new AtomicReference<>();
        robot.interact(() -> model.newFromSample(sample, failure::set));
        waitFor(() -> model.topology().agent("planner").isPresent());
        assertThat(failure.get()).isNull();
        assertThat(model.fileProperty().get()).as("a sample opens as an unsaved copy").isNull();
        waitFor(() -> canvas.nodeCount() == 8);

        var fromFile = model.topology().layout();
        robot.clickOn("#toolbar-layout");
        waitFor(() -> !model.topology().layout().equals(fromFile));
        assertThat(model.topology().layout().get("alice").x())
                .isLessThan(model.topology().layout().get("planner").x());
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo Auto-layout");
        robot.interact(model::undo);
        assertThat(model.topology().layout()).isEqualTo(fromFile);

        robot.interact(() -> window.setTheme(Theme.DARK));
        assertThat(window.scene().getStylesheets()).anyMatch(css -> css.endsWith("dark.css"));
        robot.interact(() -> window.setTheme(Theme.LIGHT));
        assertThat(window.scene().getStylesheets()).anyMatch(css -> css.endsWith("light.css"));
    }

    @Test
    void looseningTheSandboxIsMarkedAsARiskAndProblemsJumpToTheirElement(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        robot.clickOn("#palette-tool");
        waitFor(() -> canvas.hasMarker("tool:tool-1", true));

        robot.clickOn("#node-agent-agent-1");
        robot.clickOn("#prop-privilege-escalation");
        waitFor(() -> Boolean.FALSE.equals(model.topology().agent("agent-1").orElseThrow().sandbox().noNewPrivileges()));
        waitFor(() -> canvas.hasMarker("agent:agent-1", false));
        assertThat(robot.lookup("#node-agent-agent-1-badge-sandbox").tryQuery()).isPresent();
        assertThat(robot.lookup(".property-risk").queryAs(Label.class).getText()).contains("privilege escalation");

        // Double-clicking the tool's problem selects the tool.
        robot.doubleClickOn(robot.lookup(".list-cell").match((Node n) -> n instanceof javafx.scene.control.ListCell<?> c
                && c.getText() != null && c.getText().contains("tool:tool-1")).queryAs(Node.class));
        waitFor(() -> model.selection().equals(java.util.Set.of("tool:tool-1")));
    }

    @Test
    void sandboxRowsAreMarkedByTheKindOfTheirRisk(FxRobot robot) throws Exception {
        robot.clickOn("#palette-agent");
        waitFor(() -> canvas.nodeFor("agent:agent-1") != null);
        robot.clickOn("#node-agent-agent-1");
        assertThat(riskyRows(robot)).isEmpty();

        robot.clickOn("#prop-user").write("0:0").type(KeyCode.ENTER);
        waitFor(() -> "0:0".equals(sandbox().user()));
        robot.interact(() -> robot.lookup("#prop-seccomp").<String>queryComboBox().setValue("unconfined"));
        waitFor(() -> sandbox().seccomp() == Seccomp.UNCONFINED);
        waitFor(() -> riskyRows(robot).equals(List.of("⚠ Run as user", "⚠ Seccomp profile")));
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo Set sandbox seccomp of 'agent-1'");

        // The engine's own profile is a loosening too.
        robot.interact(() -> robot.lookup("#prop-seccomp").<String>queryComboBox().setValue("default"));
        waitFor(() -> sandbox().seccomp() == Seccomp.DEFAULT);
        waitFor(() -> riskyRows(robot).equals(List.of("⚠ Run as user", "⚠ Seccomp profile")));

        // The hardened profile is the absence of an override, as a file that does not mention it.
        robot.interact(() -> robot.lookup("#prop-seccomp").<String>queryComboBox().setValue("strict"));
        waitFor(() -> sandbox().seccomp() == null);
        waitFor(() -> riskyRows(robot).equals(List.of("⚠ Run as user")));
        assertThat(sandbox().user()).isEqualTo("0:0");
    }

    @Test
    void theExplainedExfiltrationRiskReplacesTheValidatorsLine(FxRobot robot) throws Exception {
        Path sample = Path.of("../../samples/monolith-vs-decomposed/monolith.yaml").toAbsolutePath().normalize();
        robot.interact(() -> model.newFromSample(sample, failure -> {
            throw new AssertionError(failure);
        }));
        waitFor(() -> model.problems().stream().anyMatch(p -> p.risk() == TopologyRisk.EXFILTRATION));
        robot.interact(() -> model.select(List.of("agent:assistant")));
        waitFor(() -> robot.lookup(".note-risk").tryQuery().isPresent());
        List<String> notes = robot.lookup(".note-risk").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(notes).anyMatch(n -> n.startsWith("Exfiltration risk: 'assistant'"))
                .noneMatch(n -> n.startsWith("RISK: ") && n.contains("can send data out"));
    }

    private SandboxOverrides sandbox() {
        return model.topology().agent("agent-1").orElseThrow().sandbox();
    }

    private static List<String> riskyRows(FxRobot robot) {
        return robot.lookup(".property-risk").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private MenuItem editMenuItem(int index) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.scene().lookup("#menubar");
        return bar.getMenus().get(1).getItems().get(index);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
