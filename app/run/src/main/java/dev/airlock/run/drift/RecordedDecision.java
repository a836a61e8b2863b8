package dev.airlock.run.drift;

/**
 * The part of one recorded {@code gate.decision} that policy drift reads, with the line of the events file it came
 * from so a complaint about it can be located.
 */
public record RecordedDecision(int line, String agent, String frame, String target, String pipe, String action,
                               String rule) {

    /** Whether the gate refused the frame: blocked, or asked where nobody could answer. */
    public boolean refused() {
        return action.equals("block") || action.equals("ask");
    }

    /** Whether the frame got past the topology's check that names {@code scopeRule} (e.g. {@code scope.tool}). */
    boolean passed(String scopeRule) {
        return !rule.equals(scopeRule);
    }
}
