package dev.airlock.run.scenario;

import dev.airlock.run.expect.DecisionMatcher;
import dev.airlock.run.expect.Expectations;
import dev.airlock.core.topology.GuardrailSpec;

import java.time.Duration;
import java.util.List;

/**
 * A workshop script beside a sample ({@code X.scenario.yaml}): ordered steps, each with narration and at most one
 * action. The CLI steps through it headless; the desktop is meant to step through the same file.
 */
public record Scenario(String title, List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }

    /**
     * One step. {@code send} injects a user message; {@code await} waits (up to {@code within}) for a gate decision;
     * {@code toggle} re-decides the run so far with a built-in guardrail's action changed; {@code replay}
     * re-decides it under another topology file.
     */
    public record Step(String say, Expectations.Message send, DecisionMatcher await, Duration within, Toggle toggle,
                       String replay) {
    }

    /** Sets a guardrail's action, e.g. {@code {guardrail: prompt-injection, action: allow}} to switch it off. */
    public record Toggle(String guardrail, GuardrailSpec.Action action) {
    }
}
