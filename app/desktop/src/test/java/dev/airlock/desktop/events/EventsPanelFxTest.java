package dev.airlock.desktop.events;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.event.SandboxStats;
import dev.airlock.desktop.view.Theme;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The events panel on its own: filters as a user sets them, the masked-by-default payload, the row bound. */
@ExtendWith(ApplicationExtension.class)
class EventsPanelFxTest {

    private static final String CARD = "4111 1111 1111 1111";
    private EventsPanel panel;

    @Start
    void start(Stage stage) {
        panel = new EventsPanel(100);
        Scene scene = new Scene(panel, 1400, 600);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void filtersByVerdictAgentRuleAndTextAndKeepFilteringWhatArrivesLater(FxRobot robot) throws Exception {
        robot.interact(() -> panel.append(List.of(
                decision("planner", "send", "researcher", GateAction.DELIVER, ""),
                decision("researcher", "tool.call", "web", GateAction.DELIVER, ""),
                decision("researcher", "tool.call", "mailer/send_email", GateAction.BLOCK, "scope.tool"),
                decision("researcher", "send", "writer", GateAction.MASK, "guard.pii"),
                new SandboxStats(0, 0, "r1", "writer", 3.5, 1L << 20, 1L << 26, 4),
                output("writer", "open /etc/x: Read-only file system"))));
        assertThat(panel.shownRows()).as("resource samples are not listed").hasSize(5);

        // Verdict, through the check-combo as a user ticks it.
        robot.clickOn("#filter-verdict");
        javafx.scene.control.ListCell<?> blockItem = robot.lookup(".list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> "block".equals(c.getText())).query();
        robot.clickOn(blockItem.getGraphic());
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> panel.shownRows().size() == 1);
        assertThat(panel.shownRows().getFirst().target()).isEqualTo("mailer/send_email");

        // What arrives later is filtered too, and the count says so.
        robot.interact(() -> panel.append(List.of(decision("writer", "send", "alice", GateAction.DELIVER, ""),
                decision("writer", "tool.call", "mailer", GateAction.BLOCK, "scope.tool"))));
        waitFor(() -> panel.shownRows().size() == 2);
        assertThat(robot.lookup("#events-count").queryLabeled().getText()).isEqualTo("2 of 7 events");
        uncheckAll(robot, "#filter-verdict");

        // Agent and rule together.
        robot.interact(() -> {
            combo(robot, "#filter-agent").getCheckModel().check("researcher");
            combo(robot, "#filter-rule").getCheckModel().check("guard.pii");
        });
        waitFor(() -> panel.shownRows().size() == 1);
        assertThat(panel.shownRows().getFirst().verdict()).isEqualTo("mask");
        uncheckAll(robot, "#filter-agent");
        uncheckAll(robot, "#filter-rule");
        waitFor(() -> panel.shownRows().size() == 7);

        // Free text finds what an agent printed (the kernel's refusal) without opening it.
        robot.clickOn("#filter-text").write("read-only");
        waitFor(() -> panel.shownRows().size() == 1);
        assertThat(panel.shownRows().getFirst().type()).isEqualTo("sandbox.output");

        // An edge filter (what selecting an edge on the canvas sets) keeps that edge's rows only.
        robot.doubleClickOn("#filter-text").eraseText(9);
        robot.interact(() -> {
            panel.setCanvasKey(r -> r.target().equals("web") ? "scope:researcher>web" : "");
            panel.filterToEdge("scope:researcher>web");
        });
        waitFor(() -> panel.shownRows().size() == 1);
        assertThat(panel.shownRows().getFirst().target()).isEqualTo("web");
        robot.clickOn("#filter-edge");
        waitFor(() -> panel.shownRows().size() == 7);
    }

    @Test
    void aPayloadIsMaskedUntilRevealedAndMaskedAgainOnTheNextSelection(FxRobot robot) throws Exception {
        robot.interact(() -> panel.append(List.of(
                output("writer", "charging card " + CARD + " for the order"),
                decision("writer", "send", "alice", GateAction.DELIVER, ""))));
        TextArea payload = robot.lookup("#event-payload").queryAs(TextArea.class);

        robot.interact(() -> panel.select(panel.shownRows().getFirst()));
        waitFor(() -> !payload.getText().isEmpty());
        assertThat(payload.getText()).contains("charging card").doesNotContain(CARD);
        assertThat(robot.lookup(".table-row-cell").queryAll()).noneSatisfy(row ->
                assertThat(row.toString()).contains(CARD));

        robot.clickOn("#event-reveal");
        waitFor(() -> payload.getText().contains(CARD));

        robot.interact(() -> panel.select(panel.shownRows().get(1)));
        waitFor(() -> payload.getText().isEmpty());
        assertThat(robot.lookup("#event-reveal").queryAs(javafx.scene.control.ToggleButton.class).isDisabled())
                .as("a decision carries no payload to reveal").isTrue();
        robot.interact(() -> panel.select(panel.shownRows().getFirst()));
        waitFor(() -> !payload.getText().isEmpty());
        assertThat(payload.getText()).doesNotContain(CARD);
    }

    @Test
    void keepsTheNewestRowsAndSaysHowManyItDropped(FxRobot robot) throws Exception {
        List<AirlockEvent> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(decision("planner", "send", "researcher", GateAction.DELIVER, ""));
        }
        robot.interact(() -> panel.append(many.subList(0, 90)));
        robot.interact(() -> panel.append(many.subList(90, 250)));
        waitFor(() -> panel.shownRows().size() == 100);
        assertThat(panel.shownRows().getFirst().seq()).isEqualTo(151);
        assertThat(panel.shownRows().getLast().seq()).isEqualTo(250);
        assertThat(panel.dropped()).isEqualTo(150);
        assertThat(robot.lookup("#events-count").queryLabeled().getText())
                .isEqualTo("100 of 100 events · 150 older dropped from the view (the audit log keeps them)");

        robot.interact(panel::clear);
        assertThat(panel.shownRows()).isEmpty();
        assertThat(robot.lookup("#events-count").queryLabeled().getText()).isEqualTo("0 of 0 events");
    }

    @SuppressWarnings("unchecked")
    private static CheckComboBox<String> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(CheckComboBox.class);
    }

    private static void uncheckAll(FxRobot robot, String id) {
        robot.interact(() -> combo(robot, id).getCheckModel().clearChecks());
    }

    @Test
    void aHiddenTableHoldsNoRowsAndShowsAllThatCameMeanwhileWithTheSelectionKept(FxRobot robot) throws Exception {
        robot.interact(() -> panel.append(List.of(decision("planner", "send", "researcher", GateAction.DELIVER, ""),
                decision("researcher", "tool.call", "mailer", GateAction.BLOCK, "scope.tool"))));
        robot.interact(() -> {
            panel.setCanvasKey(r -> r.agent() + ">" + r.target());
            panel.select(panel.shownRows().stream().filter(r -> r.target().equals("mailer")).findFirst().orElseThrow());
        });
        assertThat(panel.highlightProperty().get()).isEqualTo("researcher>mailer");

        robot.interact(() -> {
            panel.setShowing(false);
            panel.append(List.of(decision("writer", "send", "alice", GateAction.DELIVER, "")));
        });
        assertThat(panel.table().getItems()).as("a table nobody sees lays out nothing").isEmpty();
        assertThat(panel.shownRows()).as("the rows keep up all the same").hasSize(3);
        assertThat(panel.rowCount()).isEqualTo(3);
        assertThat(robot.lookup("#events-count").queryLabeled().getText()).isEqualTo("3 of 3 events");
        assertThat(panel.highlightProperty().get()).as("hiding the table is not a new selection")
                .isEqualTo("researcher>mailer");

        robot.interact(() -> panel.setShowing(true));
        assertThat(panel.table().getItems()).hasSize(3);
        assertThat(panel.table().getSelectionModel().getSelectedItem().target()).isEqualTo("mailer");
        assertThat(panel.highlightProperty().get()).isEqualTo("researcher>mailer");
    }

    private static GateDecision decision(String agent, String frame, String target, GateAction action, String rule) {
        return new GateDecision(System.nanoTime(), System.currentTimeMillis(), agent, frame, target,
                frame.equals("send") ? "message" : "", "", action, rule, rule.isEmpty() ? "" : "refused by " + rule,
                List.of(), 10, 10, 1000, 0, 0);
    }

    private static SandboxOutput output(String agent, String line) {
        return new SandboxOutput(System.nanoTime(), System.currentTimeMillis(), "r1", agent, true, line);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
