package dev.airlock.run.scenario;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a whole {@link Scenario} in a row, headless: tells each step's narration, lets {@link ScenarioSteps} do it,
 * and hands the transcript a line at a time to whoever shows it.
 */
public final class ScenarioRunner implements EventSink {

    private final Topology topology;
    private final Path baseDir;
    private final Path capture;
    private final Consumer<String> narrator;
    /** Events seen before {@link #run} begins: an await may be met by a decision made while agents started. */
    private final List<AirlockEvent> early = new ArrayList<>();
    private ScenarioSteps steps;

    /** @param narrator receives every line of the transcript, in order */
    public ScenarioRunner(Topology topology, Path baseDir, Path capture, Consumer<String> narrator) {
        this.topology = topology;
        this.baseDir = baseDir;
        this.capture = capture;
        this.narrator = narrator;
    }

    @Override
    public void publish(AirlockEvent event) {
        ScenarioSteps s;
        synchronized (this) {
            s = steps;
            if (s == null) {
                if (event instanceof dev.airlock.core.event.GateDecision) {
                    early.add(event);
                }
                return;
            }
        }
        s.publish(event);
    }

    /** @return true when every step's wait was met */
    public boolean run(Scenario scenario, Run run) throws InterruptedException {
        ScenarioSteps s = new ScenarioSteps(scenario, topology, baseDir, capture);
        synchronized (this) {
            early.forEach(s::publish);
            early.clear();
            steps = s;
        }
        narrator.accept("== " + scenario.title());
        boolean allMet = true;
        while (s.hasNext()) {
            Scenario.Step step = scenario.steps().get(s.done());
            narrator.accept("");
            narrator.accept("[" + (s.done() + 1) + "/" + scenario.steps().size() + "] "
                    + (step.say() == null ? "" : step.say()));
            allMet &= s.next(run, narrator).met();
        }
        return allMet;
    }
}
