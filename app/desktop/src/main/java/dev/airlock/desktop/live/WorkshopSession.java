package dev.airlock.desktop.live;

import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.run.Run;
import dev.airlock.run.Subscription;
import dev.airlock.run.scenario.Scenario;
import dev.airlock.run.scenario.ScenarioSteps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scenario stepped through in the workbench against the window's live run: each {@link #next} does one step on a
 * thread of its own (a step may wait up to a minute for the gate) and reports through the FX bridge. The first step
 * starts the drawing when nothing runs, with a capture so the scenario's what-ifs can re-decide the traffic. If the
 * run is stopped or replaced midway, the next step begins the scenario again on the new run: waits met by the old
 * run's decisions would be wrong.
 */
public final class WorkshopSession {

    /** Starts the drawing with the gate writing {@code capture}; returns the topology it runs. */
    @FunctionalInterface
    public interface Starter {
        Topology start(Path capture);
    }

    /** What the presenter is told, always on the FX thread. */
    public interface Listener {
        /** Step {@code number} (from 1) begins; its lines follow. */
        void began(int number, Scenario.Step step);

        /** A line about step {@code number}: what the gate decided, or what an agent said to the user. */
        void line(int number, String line);

        void finished(ScenarioSteps.Outcome outcome);

        /** The run went away since the last step: the scenario starts again from its first step. */
        void restarted();

        /** Step {@code number} could not be done; {@code message} says why in a line. */
        void failed(int number, String message);
    }

    /** Images may need building on a fresh machine before the first step can be done. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final int EVENT_BUFFER = 16_384;

    private final FxBridge bridge;
    private final LiveRun liveRun;
    private final Scenario scenario;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "airlock-workshop");
        t.setDaemon(true);
        return t;
    });
    private volatile ScenarioSteps steps;
    private volatile Run bound;
    private volatile boolean busy;
    /** Which {@link #next} the worker's step belongs to: a dropped step must not clear the busy flag of its successor. */
    private volatile int generation;
    private volatile Future<?> inFlight;
    private volatile Topology boundTopology;
    private volatile Subscription subscription;
    private volatile boolean closed;
    /** The step being done (from 1), 0 between steps; with what agents said to the user meanwhile. */
    private int inStep;
    private final List<String> pending = new ArrayList<>();

    public WorkshopSession(FxBridge bridge, LiveRun liveRun, Scenario scenario) {
        this.bridge = bridge;
        this.liveRun = liveRun;
        this.scenario = scenario;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Steps done against the current run. */
    public int done() {
        ScenarioSteps s = steps;
        return s == null ? 0 : s.done();
    }

    public boolean hasNext() {
        return done() < scenario.steps().size();
    }

    /**
     * Call on the FX thread. Does the next step; starts the drawing through {@code starter} when no run is up, and
     * uses {@code current} (the drawing now) when one is. Ignored while a step is being done, unless the run it waits
     * on was stopped: its waits can never be met, so the step is dropped and the scenario begins again.
     */
    public void next(Starter starter, Topology current, Path baseDir, Listener listener) {
        if (busy) {
            if (!waitsOnAStoppedRun()) {
                return;
            }
            inFlight.cancel(true);
        }
        busy = true;
        int mine = ++generation;
        Path started = null;
        Topology topology = current;
        if (liveRun.phase() == LiveRun.Phase.IDLE) {
            started = newCapture();
            topology = starter.start(started);
            if (topology == null) {
                busy = false;
                inFlight = null;
                listener.failed(done() + 1, "the drawing cannot run: fix its problems first");
                return;
            }
        } else if (bound != null && bound.id().equals(liveRun.runId())) {
            topology = boundTopology;
        }
        Topology runs = topology;
        Path capture = started;
        inFlight = worker.submit(() -> step(mine, runs, capture, baseDir, listener));
    }

    /** Whether a step is still waiting on a run that was stopped: its waits can never be met. */
    public boolean waitsOnAStoppedRun() {
        return busy && inFlight != null && liveRun.phase() == LiveRun.Phase.IDLE;
    }

    /**
     * Does one step on the worker. {@code capture} is the file of a run this session started, null for a run the
     * presenter started with F5 (it keeps none, so what-ifs say they cannot replay).
     */
    private void step(int mine, Topology topology, Path capture, Path baseDir, Listener listener) {
        int number = done() + 1;
        Runnable report;
        try {
            Run run = liveRun.awaitReady(READY_WITHIN);
            if (run != bound) {
                boolean restart = steps != null && steps.done() > 0;
                ScenarioSteps fresh = new ScenarioSteps(scenario, topology, baseDir, capture);
                closeSubscription();
                subscription = run.events().subscribe("workshop", EVENT_BUFFER, fresh::publish);
                run.onUserDelivery(m -> {
                    // A run's listeners stay as long as the run: a replaced or closed session stops telling.
                    if (steps == fresh && !closed) {
                        toUser(m.from() + " -> you: " + m.text(), listener);
                    }
                });
                steps = fresh;
                bound = run;
                boundTopology = topology;
                if (restart) {
                    number = 1;
                    bridge.post(listener::restarted);
                }
            }
            Scenario.Step step = scenario.steps().get(steps.done());
            int n = number;
            bridge.post(() -> listener.began(n, step));
            stepping(n, listener);
            ScenarioSteps.Outcome outcome = steps.next(run, line -> bridge.post(() -> listener.line(n, line.strip())));
            report = () -> listener.finished(outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            int n = number;
            String message = LiveRun.reason(e);
            report = () -> listener.failed(n, message);
        } finally {
            stepping(0, listener);
            if (mine == generation) {
                busy = false;
            }
        }
        // After busy is cleared, so a presenter told the step is done can do the next one at once.
        bridge.post(report);
    }

    /**
     * What an agent says to the user shows under the step being done; said between steps, it waits for the next,
     * as in the CLI's transcript, where the next step follows at once.
     */
    private void toUser(String line, Listener listener) {
        synchronized (pending) {
            int at = inStep;
            if (at == 0) {
                pending.add(line);
            } else {
                bridge.post(() -> listener.line(at, line));
            }
        }
    }

    private void stepping(int number, Listener listener) {
        synchronized (pending) {
            inStep = number;
            if (number > 0) {
                pending.forEach(line -> bridge.post(() -> listener.line(number, line)));
                pending.clear();
            }
        }
    }

    /** The topology a scenario belongs to: {@code X.yaml} (or {@code .yml}) beside {@code X.scenario.yaml}; else null. */
    public static Path topologyBeside(Path scenario) {
        Path abs = scenario.toAbsolutePath().normalize();
        String name = abs.getFileName().toString().replaceFirst("\\.scenario\\.ya?ml$", "");
        for (String ext : new String[] {".yaml", ".yml"}) {
            Path candidate = abs.resolveSibling(name + ext);
            if (!candidate.equals(abs) && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A fresh directory for the gate's capture (it creates the file itself, mode 0600), gone when the JVM exits. */
    private static Path newCapture() {
        try {
            Path dir = Files.createTempDirectory("airlock-workshop");
            Path file = dir.resolve("run.capture");
            // Deleted in reverse order of registration: the file first, then its directory.
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops stepping; the run itself stays up (Stop takes it down). */
    public void close() {
        closed = true;
        worker.shutdownNow();
        closeSubscription();
    }

    private void closeSubscription() {
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }
}
