package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec.Action;

import java.util.List;

/**
 * The outcome of guarding one text: the strongest action any finding asks for, the findings, and the text to
 * deliver (masked when the action is {@link Action#MASK}; the original otherwise).
 */
public record Scan(Action action, List<Finding> findings, String text) {

    public Scan {
        findings = List.copyOf(findings);
    }

    public static Scan clean(String text) {
        return new Scan(Action.ALLOW, List.of(), text);
    }

    /** The finding that decided the action: the first one asking for it. */
    public Finding deciding() {
        return findings.stream().filter(f -> f.action() == action).findFirst().orElse(null);
    }

    public static int severity(Action a) {
        return switch (a) {
            case ALLOW -> 0;
            case MASK -> 1;
            case ASK -> 2;
            case BLOCK -> 3;
        };
    }

    public static Action stronger(Action a, Action b) {
        return severity(a) >= severity(b) ? a : b;
    }
}
