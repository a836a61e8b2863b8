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
 * Steps through a {@link Scenario} against a running topology: tells each step's narration, does its action,
 * and says what the gate decided, a line at a time to whoever shows it. Toggles and replays re-decide the traffic captured so far, so a workshop can
 * ask "what if this guardrail were off?" without running the agents again.
 */
public final class ScenarioRunner implements EventSink {

    private final Topology topology;
    private final Path baseDir;
    private final Path capture;
    private final Consumer<String> narrator;
    private final List<GateDecision> decisions = new ArrayList<>();

    /** @param narrator receives every line of the transcript, in order */
    public ScenarioRunner(Topology topology, Path baseDir, Path capture, Consumer<String> narrator) {
        this.topology = topology;
        this.baseDir = baseDir;
        this.capture = capture;
        this.narrator = narrator;
    }

    @Override
    public synchronized void publish(AirlockEvent event) {
        if (event instanceof GateDecision d) {
            decisions.add(d);
            notifyAll();
        }
    }

    /** @return true when every step's wait was met */
    public boolean run(Scenario scenario, Run run) throws InterruptedException {
        say("== " + scenario.title());
        boolean allMet = true;
        for (int i = 0; i < scenario.steps().size(); i++) {
            Scenario.Step step = scenario.steps().get(i);
            say("");
            say("[" + (i + 1) + "/" + scenario.steps().size() + "] " + (step.say() == null ? "" : step.say()));
            if (step.send() != null) {
                var verdict = run.send(step.send().to(), step.send().kind() == null ? "message" : step.send().kind(),
                        step.send().text());
                say("  you -> " + step.send().to() + ": " + verdict.action()
                        + (verdict.rule().isEmpty() ? "" : " (" + verdict.rule() + ")"));
            }
            if (step.toggle() != null) {
                replay(withGuardrailAction(topology, step.toggle()), "with " + step.toggle().guardrail() + " set to "
                        + step.toggle().action().text());
            }
            if (step.replay() != null) {
                replay(Topologies.loadValid(baseDir.resolve(step.replay())), "under " + step.replay());
            }
            if (step.await() != null) {
                GateDecision d = await(step);
                if (d == null) {
                    allMet = false;
                    say("  not seen within " + step.within().toSeconds() + " s: " + step.await());
                } else {
                    say("  gate: " + d.agent() + " " + d.frame() + " -> " + d.target() + ": "
                            + d.action() + (d.rule().isEmpty() ? "" : " (" + d.rule() + ")"));
                }
            }
        }
        return allMet;
    }

    private void say(String line) {
        narrator.accept(line);
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

    private void replay(Topology changed, String what) {
        CaptureReplay.Diff diff = CaptureReplay.replay(capture, changed);
        say("  replayed " + what + ":");
        for (CaptureReplay.Change c : diff.changes()) {
            say("    " + c.what() + " (was " + c.before() + ", now " + c.after() + ")");
        }
        say("    " + diff.summary());
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
