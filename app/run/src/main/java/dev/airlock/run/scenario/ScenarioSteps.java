package dev.airlock.run.scenario;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Run;
import dev.airlock.run.Topologies;
import dev.airlock.run.inspect.CaptureReplay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Scenario} taken one step at a time against a live {@link Run}: {@link #next} does the next step's
 * action and says what happened. The CLI plays every step in a row; the workbench's presenter one per key press.
 * Subscribe it to the run's events before the first step, so the decisions its waits look for are all seen.
 * Toggles and replays re-decide the traffic captured so far, so a workshop can ask "what if this guardrail were
 * off?" without running the agents again.
 */
public final class ScenarioSteps implements EventSink {

    /**
     * What one step did: its number (from 1), the scenario's length, the step, the lines that describe what
     * happened (as the CLI prints them) and whether its wait, if any, was met.
     */
    public record Outcome(int number, int total, Scenario.Step step, List<String> lines, boolean met) {

        public Outcome {
            lines = List.copyOf(lines);
        }
    }

    private final Scenario scenario;
    private final Topology topology;
    private final Path baseDir;
    private final Path capture;
    private final List<GateDecision> decisions = new ArrayList<>();
    private int done;

    /** @param capture the run's capture file, which toggles and replays re-decide; null when the run has none */
    public ScenarioSteps(Scenario scenario, Topology topology, Path baseDir, Path capture) {
        this.scenario = scenario;
        this.topology = topology;
        this.baseDir = baseDir;
        this.capture = capture;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** How many steps have been done. */
    public synchronized int done() {
        return done;
    }

    public synchronized boolean hasNext() {
        return done < scenario.steps().size();
    }

    @Override
    public synchronized void publish(AirlockEvent event) {
        if (event instanceof GateDecision d) {
            decisions.add(d);
            notifyAll();
        }
    }

    /** Does the next step against {@code run}; see {@link #next(Run, Consumer)}. */
    public Outcome next(Run run) throws InterruptedException {
        return next(run, line -> { });
    }

    /**
     * Does the next step's action against {@code run}, blocking while its wait lasts (up to the step's
     * {@code within}). Each line is handed to {@code lines} as soon as it is known, so a transcript keeps its order
     * with whatever else the caller prints meanwhile (e.g. what agents say to the user).
     *
     * @throws IllegalStateException when every step has been done
     */
    public Outcome next(Run run, Consumer<String> lines) throws InterruptedException {
        Scenario.Step step;
        int number;
        synchronized (this) {
            if (done >= scenario.steps().size()) {
                throw new IllegalStateException("the scenario has no more steps");
            }
            step = scenario.steps().get(done);
            number = ++done;
        }
        List<String> said = new ArrayList<>();
        Consumer<String> say = line -> {
            said.add(line);
            lines.accept(line);
        };
        if (step.send() != null) {
            var verdict = run.send(step.send().to(), step.send().kind() == null ? "message" : step.send().kind(),
                    step.send().text());
            say.accept("  you -> " + step.send().to() + ": " + verdict.action()
                    + (verdict.rule().isEmpty() ? "" : " (" + verdict.rule() + ")"));
        }
        if (step.toggle() != null) {
            replay(withGuardrailAction(topology, step.toggle()), "with " + step.toggle().guardrail() + " set to "
                    + step.toggle().action().text(), say);
        }
        if (step.replay() != null) {
            replay(Topologies.loadValid(baseDir.resolve(step.replay())), "under " + step.replay(), say);
        }
        boolean met = true;
        if (step.await() != null) {
            GateDecision d = await(step);
            if (d == null) {
                met = false;
                say.accept("  not seen within " + step.within().toSeconds() + " s: " + step.await());
            } else {
                say.accept("  gate: " + d.agent() + " " + d.frame() + " -> " + d.target() + ": "
                        + d.action() + (d.rule().isEmpty() ? "" : " (" + d.rule() + ")"));
            }
        }
        return new Outcome(number, scenario.steps().size(), step, said, met);
    }

    private synchronized GateDecision await(Scenario.Step step) throws InterruptedException {
        long deadline = System.nanoTime() + step.within().toNanos();
        while (true) {
            for (GateDecision d : decisions) {
                if (step.await().matches(d)) {
                    return d;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void replay(Topology changed, String what, Consumer<String> say) {
        if (capture == null) {
            say.accept("  cannot replay " + what + ": this run keeps no capture");
            return;
        }
        CaptureReplay.Diff diff = CaptureReplay.replay(capture, changed);
        say.accept("  replayed " + what + ":");
        for (CaptureReplay.Change c : diff.changes()) {
            say.accept("    " + c.what() + " (was " + c.before() + ", now " + c.after() + ")");
        }
        say.accept("    " + diff.summary());
    }

    /** The topology with one built-in guardrail's action set, as a topology file would tune it. */
    static Topology withGuardrailAction(Topology t, Scenario.Toggle toggle) {
        List<GuardrailSpec> tuned = new ArrayList<>(t.guardrails().stream()
                .filter(g -> !g.id().equals(toggle.guardrail())).toList());
        // Only the action changes: a custom guardrail keeps its pattern, any guardrail its mask style.
        GuardrailSpec before = t.guardrails().stream().filter(g -> g.id().equals(toggle.guardrail())).findFirst()
                .orElse(new GuardrailSpec(toggle.guardrail(), "", null, toggle.action()));
        tuned.add(new GuardrailSpec(toggle.guardrail(), "set by a scenario", before.pattern(), toggle.action(),
                before.mask()));
        return t.withGuardrails(tuned);
    }
}
