package dev.airlock.cli;

import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.WorkbenchException;
import dev.airlock.desktop.bench.EditorBench;
import dev.airlock.desktop.bench.LiveBench;
import dev.airlock.desktop.live.WorkshopSession;
import dev.airlock.desktop.view.Theme;
import dev.airlock.run.inspect.CaptureReplay;
import dev.airlock.run.scenario.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ui",
        description = {"Open the workbench to draw and edit a topology.",
                "With --screenshot: open FILE, lay it out, write a PNG of the window and exit 0 (for docs and checks "
                        + "under Xvfb). A file that cannot be read gives one located line and exit 2.",
                "With --replay: show a gate capture's frames in the Events tab and mark every decision the drawn "
                        + "policy would change (edit the drawing to try another what-if)."})
final class UiCommand implements Callable<Integer> {

    private static final int LIVE_HEAP_MARK = 10;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Topology file to open (YAML or JSON).")
    Path file;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "Write a PNG of the window and exit.")
    Path screenshot;

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "light",
            description = "light or dark (default: ${DEFAULT-VALUE}).")
    Theme theme;

    @Option(names = "--select", paramLabel = "ELEMENT",
            description = "Select an element first, e.g. agent:planner or pipe:alice->planner (for screenshots).")
    String select;

    @Option(names = "--run", description = "Run the topology once the window is open, as Run (F5) does. With "
            + "--screenshot: wait until the X.expected.yaml beside FILE is met (its messages are sent once every agent "
            + "is ready), or a few seconds after all agents are ready, capture the window, stop the run and exit; "
            + "approvals are denied.")
    boolean run;

    @Option(names = "--scenario", paramLabel = "SCENARIO", description = "A workshop scenario (X.scenario.yaml) to "
            + "step through in the presenter, with the X.yaml beside it as the drawing (else FILE). With --run "
            + "--screenshot: play "
            + "every step (the first starts the run), then capture the window.")
    Path scenario;

    @Option(names = "--replay", paramLabel = "CAPTURE",
            description = "A capture file written by 'airlock run --capture' to replay under FILE's policy.")
    Path replay;

    @Option(names = "--bench", paramLabel = "ELEMENTS",
            description = "Measure opening, laying out and dragging a generated topology of this many elements "
                    + "against an 8-element baseline, print the numbers and exit.")
    Integer bench;

    @Option(names = "--bench-live", description = "Drive synthetic run events into the live view of a 200-element "
            + "topology, print the FX pulse percentiles (loaded vs idle) and the heap after 10 s and at the end, "
            + "and exit.")
    boolean benchLive;

    @Option(names = "--rate", paramLabel = "EVENTS", defaultValue = "5000",
            description = "With --bench-live: events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "With --bench-live: how long to drive them (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() {
        if (scenario != null) {
            // Read once here so a broken scenario is one located line and exit 2 before any window opens.
            ScenarioReader.read(scenario);
            if (file == null) {
                file = WorkshopSession.topologyBeside(scenario);
                if (file == null) {
                    throw new UserError("--scenario: no topology beside " + scenario + "; name it as FILE");
                }
            }
        }
        LoadResult loaded = null;
        if (file != null) {
            loaded = TopologyReader.read(file);
            if (loaded.topology() == null) {
                throw new UserError(loaded.problems().isEmpty() ? file + ": cannot be read"
                        : loaded.problems().get(0).format());
            }
        }
        if (replay != null) {
            // Read once here so a missing or broken capture is one line and exit 2 before any window opens.
            CaptureReplay.load(replay);
        }
        if (screenshot != null) {
            OutputFiles.check("--screenshot", screenshot, true);
        }
        try {
            if (bench != null) {
                if (bench < 10) {
                    throw new UserError("--bench: use at least 10 elements");
                }
                EditorBench.run(bench).forEach(Output.out()::println);
                return ExitCode.OK;
            }
            if (benchLive) {
                if (rate < 1) {
                    throw new UserError("--rate: use at least 1 event per second");
                }
                if (seconds <= LIVE_HEAP_MARK) {
                    throw new UserError("--seconds: use more than " + LIVE_HEAP_MARK
                            + " (the heap is read at " + LIVE_HEAP_MARK + " s and at the end)");
                }
                LiveBench.run(new LiveBench.Options(200, rate, seconds, LIVE_HEAP_MARK)).lines()
                        .forEach(Output.out()::println);
                return ExitCode.OK;
            }
            if (run && file == null) {
                throw new UserError("--run needs a FILE to run");
            }
            if (run) {
                // A file that cannot run fails here, one located line, as 'airlock run' does.
                TopologyLoader.loadValid(file);
            }
            Workbench.run(new Workbench.Options(file, loaded, screenshot, theme, sampleRoots(), select, run,
                    replay, scenario));
        } catch (WorkbenchException e) {
            throw new UserError(e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new UserError("cannot open a window: " + e.getMessage()
                    + " (set DISPLAY, or run under Xvfb for --screenshot)");
        }
        return ExitCode.OK;
    }

    /** Samples are looked for next to the opened file's folder and in the working directory. */
    private List<Path> sampleRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("samples"));
        if (file != null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && parent.getParent() != null) {
                roots.add(parent.getParent());
            }
        }
        return roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
}
