package dev.airlock.desktop;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Events tab in the workbench window at 1440 × 900, the size the README's screenshots are taken at (the panels
 * then span the window's width; drawing, they leave the properties the full height): with a run's
 * events in it and one selected, every column header reads in full, no cell but the free-text detail is cut short,
 * the detail column (free text, shown in full in the details pane) keeps room to read, and the details pane is on
 * screen beside the table.
 */
@ExtendWith(ApplicationExtension.class)
class EventsLayoutFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-layout-test/" + System.nanoTime());
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
    void theEventsTableAndItsDetailsAreReadableAt1440By900(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().open(LiveRunFxTest.SAMPLE, Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().isValidated());
        assertThat(window.scene().getWidth()).isEqualTo(1440);
        assertThat(window.scene().getHeight()).isEqualTo(900);
        robot.clickOn("#tab-events");
        robot.interact(() -> {
            window.events().append(researchAssistantRun());
            window.events().table().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = window.events().table();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            Labeled header = (Labeled) robot.from(table).lookup(".column-header .label")
                    .match((Labeled l) -> c.getText().equals(l.getText())).query();
            assertThat(shown(header)).as("header of " + c.getText()).isEqualTo(c.getText());
        }
        List<TableCell<?, ?>> cells = new ArrayList<>(robot.from(table).lookup(".table-cell").<TableCell<?, ?>>queryAll());
        assertThat(cells).as("rows are drawn").isNotEmpty();
        for (TableCell<?, ?> cell : cells) {
            if (cell.getText() == null || cell.getText().isEmpty() || cell.getTableColumn().getText().equals("Detail")) {
                continue;
            }
            assertThat(shown(cell)).as("cell of " + cell.getTableColumn().getText()).isEqualTo(cell.getText());
        }
        TableColumn<?, ?> detail = table.getVisibleLeafColumns().getLast();
        assertThat(detail.getText()).isEqualTo("Detail");
        // The detail is free text the details pane shows in full; in the table it gives way, but not to nothing.
        assertThat(detail.getWidth()).as("the detail column keeps room to read").isGreaterThanOrEqualTo(150);

        Node details = robot.lookup("#event-details").query();
        Bounds pane = details.localToScene(details.getLayoutBounds());
        Bounds onTable = table.localToScene(table.getLayoutBounds());
        assertThat(details.isVisible()).isTrue();
        assertThat(pane.getWidth()).as("details pane width").isGreaterThanOrEqualTo(280);
        assertThat(pane.getMinX()).as("details pane beside the table").isGreaterThanOrEqualTo(onTable.getMaxX() - 1);
        assertThat(pane.getMaxX()).as("details pane within the window").isLessThanOrEqualTo(1440);
        assertThat(pane.getHeight()).as("details pane height").isGreaterThanOrEqualTo(120);
        assertThat(robot.lookup("#event-payload").query().isVisible()).isTrue();
        Labeled reason = robot.lookup("#event-fact-detail").queryAs(Labeled.class);
        assertThat(shown(reason)).as("the reason in the details pane").isEqualTo(reason.getText());
    }

    /** What a Labeled draws: its text as clipped to fit, with an ellipsis when it did not. */
    private static String shown(Labeled l) {
        Text text = (Text) l.lookup(".text");
        return text == null ? l.getText() : text.getText();
    }

    /** The decisions and output of a run of the research-assistant sample, with its longest routes. */
    private static List<AirlockEvent> researchAssistantRun() {
        return List.of(
                decision("alice", "send", "planner", "message", GateAction.DELIVER, ""),
                decision("planner", "send", "researcher", "task", GateAction.DELIVER, ""),
                decision("researcher", "tool.call", "mailer/send_email", "", GateAction.BLOCK, "scope.tool"),
                decision("researcher", "model.request", "llm", "", GateAction.DELIVER, ""),
                decision("researcher", "send", "writer", "findings", GateAction.MASK, "pii.email"),
                decision("writer", "send", "alice", "answer", GateAction.DELIVER, ""),
                new SandboxOutput(System.nanoTime(), System.currentTimeMillis(), "r1", "researcher", true,
                        "sh: can't create /etc/passwd: Read-only file system"));
    }

    private static GateDecision decision(String agent, String frame, String target, String kind, GateAction action,
                                         String rule) {
        return new GateDecision(System.nanoTime(), System.currentTimeMillis(), agent, frame, target, kind, "", action,
                rule, rule.isEmpty() ? "" : "tool mailer/send_email is not in researcher's scope", List.of(), 101, 0,
                480_000, 0, 0);
    }
}
