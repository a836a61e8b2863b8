package dev.airlock.run.expect;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches a gate decision on the fields it names; a field left out matches anything. {@code rule} matches the
 * decision's rule or a rule prefix ({@code guardrail} matches {@code guardrail.pii}); {@code finding} matches one
 * of the guardrail rules that fired.
 */
public record DecisionMatcher(String agent, String frame, String target, String kind, GateAction action, String rule,
                              String finding) {

    public boolean matches(GateDecision d) {
        return eq(agent, d.agent()) && eq(frame, d.frame()) && eq(target, d.target()) && eq(kind, d.kind())
                && (action == null || action == d.action()) && prefix(rule, d.rule())
                && (finding == null || d.findings().stream().anyMatch(f -> prefix(finding, f)));
    }

    private static boolean eq(String want, String got) {
        return want == null || want.equals(got);
    }

    private static boolean prefix(String want, String got) {
        return want == null || got.equals(want) || got.startsWith(want + ".");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        add(parts, "agent", agent);
        add(parts, "frame", frame);
        add(parts, "target", target);
        add(parts, "kind", kind);
        add(parts, "action", action == null ? null : action.text());
        add(parts, "rule", rule);
        add(parts, "finding", finding);
        return "{" + String.join(", ", parts) + "}";
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + ": " + value);
        }
    }
}
