package dev.airlock.core.problem;

/**
 * One finding about a topology, fit for one line of output: {@code FILE:LINE:COL: error: message (hint: ...)}.
 * {@code element} names the node or pipe it concerns ({@code agent:planner}, {@code pipe:a->b}) so the desktop
 * can put a marker on it; it is empty for problems of the file as a whole. {@code risk} says what a risk is about;
 * it is null for errors and never printed.
 */
public record Problem(Severity severity, Location location, String element, String message, String hint,
                      RiskKind risk) {

    public Problem {
        element = element == null ? "" : element;
        hint = hint == null ? "" : hint;
    }

    public static Problem error(Location at, String element, String message) {
        return new Problem(Severity.ERROR, at, element, message, "", null);
    }

    public static Problem risk(RiskKind kind, Location at, String element, String message, String hint) {
        return new Problem(Severity.RISK, at, element, message, hint, kind);
    }

    public Problem withHint(String hint) {
        return new Problem(severity, location, element, message, hint, risk);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String format() {
        String line = location + ": " + severity.label() + ": " + message;
        return hint.isEmpty() ? line : line + " (hint: " + hint + ")";
    }
}
