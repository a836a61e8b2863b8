package dev.airlock.desktop;

import dev.airlock.core.event.EventSink;
import dev.airlock.desktop.events.EventRow;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import dev.airlock.desktop.view.WorkshopView;
import dev.airlock.run.RunException;
import dev.airlock.run.docker.DockerCompartments;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workshop presenter against the real Docker engine: the sql-analyst scenario opened beside its topology,
 * stepped through with the button and the keys, each step's narration shown and what it injected and what the gate
 * decided seen in the presenter, on the canvas's counters and in the events. Back re-shows a step without doing it
 * again. After Stop no container of the run is left.
 */
@ExtendWith(ApplicationExtension.class)
class WorkshopFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-workshop-test/" + System.nanoTime());
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
    void stepsThroughTheSqlAnalystScenarioShowingEachStepAndStopLeavesNothing(FxRobot robot) throws Exception {
        requireDocker();
        Path scenario = sample("sql-analyst/sql-analyst.scenario.yaml");
        AtomicReference<WorkshopView> opened = new AtomicReference<>();
        // Nobody answers approvals in a test: denied, as airlock run does by default.
        robot.interact(() -> opened.set(window.openScenario(scenario, request -> false)));
        WorkshopView workshop = opened.get();
        assertThat(workshop).isNotNull();
        waitFor(10, () -> window.model().isValidated() && window.model().topology().name().equals("sql-analyst"));
        assertThat(workshop.counter()).isEqualTo("5 steps");
        assertThat(workshop.narration()).startsWith("Press Next");
        assertThat(window.liveRun().phase()).isEqualTo(LiveRun.Phase.IDLE);

        // The first Next starts the run (images may need building on a fresh machine) and sends the question.
        robot.clickOn("#workshop-next");
        waitFor(300, () -> workshop.lines().contains("you -> analyst: deliver"));
        String runId = window.liveRun().runId();
        assertThat(runId).isNotNull();
        assertThat(containers(runId)).isNotEmpty();
        assertThat(workshop.counter()).isEqualTo("Step 1 of 5");
        String first = workshop.narration();
        assertThat(first).contains("best customers");

        robot.type(KeyCode.SPACE);
        waitFor(90, () -> workshop.lines().contains("gate: analyst tool.call -> db: block (sql.read-only)"));
        assertThat(workshop.counter()).isEqualTo("Step 2 of 5");
        assertThat(workshop.narration()).isNotEqualTo(first).contains("SELECT-only grant");

        robot.type(KeyCode.RIGHT);
        waitFor(90, () -> workshop.lines().contains("gate: analyst tool.call -> db: block (prompt-injection.override)"));
        String third = workshop.narration();
        assertThat(third).contains("injection");

        robot.type(KeyCode.PAGE_DOWN);
        waitFor(90, () -> workshop.lines().contains("gate: analyst send -> user: deliver"));
        assertThat(workshop.narration()).isEqualTo("The answer still arrives.");
        List<String> fourth = workshop.lines();

        // Back re-shows the previous step as it was, without doing it again; Next walks forward to where the run is.
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workshop.counter()).isEqualTo("Step 3 of 5");
        assertThat(workshop.narration()).isEqualTo(third);
        assertThat(workshop.lines()).contains("gate: analyst tool.call -> db: block (prompt-injection.override)");
        // The answer shows under the step being done when it arrived: the fourth, unless it beat the third's
        // decision to the presenter.
        assertThat(java.util.stream.Stream.concat(workshop.lines().stream(), fourth.stream()))
                .filteredOn(l -> l.startsWith("analyst -> you: Top customers")).hasSize(1);
        robot.clickOn("#workshop-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workshop.counter()).isEqualTo("Step 4 of 5");
        assertThat(workshop.lines()).isEqualTo(fourth);
        assertThat(workshop.session().done()).isEqualTo(4);

        robot.clickOn("#workshop-next");
        waitFor(60, () -> workshop.lines().stream().anyMatch(l -> l.contains(" frames replayed: ")));
        assertThat(workshop.counter()).isEqualTo("Step 5 of 5");
        assertThat(workshop.lines()).contains("replayed with prompt-injection set to allow:",
                "analyst tool.result -> db: now allowed (was block prompt-injection.override, now deliver)");
        assertThat(workshop.session().hasNext()).isFalse();

        // What the steps injected and caused is on the canvas's edges and in the events, as in any live run.
        waitFor(10, () -> window.liveCounter("pipe:user<->analyst") != null
                && window.liveCounter("pipe:user<->analyst").startsWith("✓ 2"));
        assertThat(window.liveCounter("scope:analyst>db")).contains("✕ 2");
        List<EventRow> rows = window.events().shownRows();
        assertThat(rows).anyMatch(r -> "user".equals(r.agent()) && "analyst".equals(r.target()));
        assertThat(rows).anyMatch(r -> "analyst".equals(r.agent()) && "user".equals(r.target()));

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(containers(runId)).as("containers of run " + runId).isEmpty();
    }

    @Test
    void aRunStoppedMidwayMakesTheNextStepBeginTheScenarioAgainOnANewRun(FxRobot robot) throws Exception {
        requireDocker();
        AtomicReference<WorkshopView> opened = new AtomicReference<>();
        robot.interact(() -> opened.set(window.openScenario(sample("sql-analyst/sql-analyst.scenario.yaml"),
                request -> false)));
        WorkshopView workshop = opened.get();
        waitFor(10, () -> window.model().isValidated() && window.model().topology().name().equals("sql-analyst"));
        robot.clickOn("#workshop-next");
        waitFor(300, () -> workshop.lines().contains("you -> analyst: deliver"));
        robot.clickOn("#workshop-next");
        waitFor(90, () -> workshop.counter().equals("Step 2 of 5") && !workshop.lines().isEmpty());
        String first = window.liveRun().runId();

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(containers(first)).as("containers of run " + first).isEmpty();

        // Waits met by the stopped run's decisions would be wrong on a new one: the scenario begins again.
        robot.clickOn("#workshop-next");
        waitFor(300, () -> workshop.counter().equals("Step 1 of 5") && workshop.lines().contains("you -> analyst: deliver"));
        String second = window.liveRun().runId();
        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(workshop.session().done()).isEqualTo(1);
        assertThat(workshop.narration()).contains("best customers");

        robot.clickOn("#toolbar-stop");
        waitFor(60, () -> window.liveRun().phase() == LiveRun.Phase.IDLE);
        assertThat(containers(second)).as("containers of run " + second).isEmpty();
    }

    @Test
    void aBrokenScenarioIsRefusedWithItsLocatedLineAndNoPresenter(FxRobot robot) throws Exception {
        Path bad = Files.createTempFile("bad", ".scenario.yaml");
        try {
            Files.writeString(bad, "steps:\n  - say: hi\n    sned: {to: analyst, text: x}\n");
            AtomicReference<WorkshopView> opened = new AtomicReference<>();
            robot.interact(() -> opened.set(window.openScenario(bad, request -> false)));
            assertThat(opened.get()).isNull();
            assertThat(window.workshop()).isNull();
            assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText())
                    .matches(".*bad.*\\.scenario\\.yaml:3:\\d+: error: unknown field 'sned'");
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    /** A sample from the repository's samples folder, found from the module's directory upwards. */
    private static Path sample(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Docker tests skip with a message without an engine, and fail under CI=true. */
    private static void requireDocker() {
        try {
            DockerCompartments.factory(Duration.ZERO).open(EventSink.NONE).close();
        } catch (RunException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
        }
    }

    /** Every container, running or not, that carries the run's label: asked of the engine itself. */
    private static List<String> containers(String runId) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=airlock.run=" + runId)
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as("docker ps: " + out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
