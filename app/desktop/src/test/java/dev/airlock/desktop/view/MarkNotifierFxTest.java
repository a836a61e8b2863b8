package dev.airlock.desktop.view;

import dev.airlock.core.event.GateAction;
import dev.airlock.desktop.live.LiveState;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notice of refused calls: the first shows at once, those within the interval are folded into one notice that
 * names the latest and counts the rest, it goes away by itself, and clicking it shows where the call was refused.
 */
@ExtendWith(ApplicationExtension.class)
class MarkNotifierFxTest {

    private static final Duration EVERY = Duration.millis(600);
    private final List<LiveState.Mark> clicked = new ArrayList<>();
    private MarkNotifier notifier;

    @Start
    void start(Stage stage) {
        notifier = new MarkNotifier(EVERY, clicked::add);
        stage.setScene(new Scene(new StackPane(notifier.node()), 600, 300));
        stage.show();
    }

    @Test
    void theFirstShowsAtOnceAndTheNextAreFoldedIntoOneThatClickingLeadsTo(FxRobot robot) throws Exception {
        robot.interact(() -> notifier.offer(List.of(mark("researcher", "mailer", GateAction.BLOCK, "scope.tool"))));

        assertThat(notifier.showing()).containsExactly("Blocked by the gate",
                "Blocked researcher → mailer (scope.tool)\nreason scope.tool");

        robot.interact(() -> {
            notifier.offer(List.of(mark("writer", "alice", GateAction.MASK, "guard.pii"),
                    mark("writer", "alice", GateAction.MASK, "guard.pii")));
            notifier.offer(List.of(mark("planner", "web", GateAction.BLOCK, "pathway.undeclared")));
        });
        assertThat(notifier.showing()).as("within the interval the first stays").element(1).asString()
                .startsWith("Blocked researcher → mailer");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(robot).get(1).startsWith("Blocked planner"));
        assertThat(notifier.showing()).containsExactly("Blocked by the gate",
                "Blocked planner → web (pathway.undeclared)\nreason pathway.undeclared\n"
                        + "(and 2 more since the last notice)");

        robot.clickOn("#mark-notice");

        assertThat(clicked).extracting(LiveState.Mark::agent).containsExactly("planner");
        assertThat(notifier.showing()).as("a click takes it down").isEmpty();
    }

    @Test
    void aMaskedCallSaysSoAndTheNoticeGoesAwayByItself(FxRobot robot) throws Exception {
        robot.interact(() -> notifier.offer(List.of(mark("writer", "alice", GateAction.MASK, "guard.pii"))));

        assertThat(notifier.showing()).first().isEqualTo("Masked by the gate");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(robot).isEmpty());
        assertThat(clicked).isEmpty();
    }

    private List<String> onFx(FxRobot robot) {
        List<List<String>> out = new ArrayList<>();
        robot.interact(() -> out.add(notifier.showing()));
        return out.getFirst();
    }

    private static LiveState.Mark mark(String agent, String target, GateAction action, String rule) {
        return new LiveState.Mark("call:" + agent + ">" + target, agent, target, action, rule, "reason " + rule);
    }
}
