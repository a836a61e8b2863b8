package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec.Action;

/**
 * What a guardrail found: which guardrail and rule, the action it asks for, where in the raw text it sits
 * ({@code start}/{@code end}, -1 when it spans earlier messages), the normalization step that revealed it, and the
 * masked rendering. Never the matched text itself: findings go to events, audit logs and CLI output.
 */
public record Finding(String guardrail, String rule, Action action, int start, int end, String step,
                      String masked) {

    public boolean located() {
        return start >= 0;
    }

    Finding withAction(Action newAction) {
        return new Finding(guardrail, rule, newAction, start, end, step, masked);
    }
}
