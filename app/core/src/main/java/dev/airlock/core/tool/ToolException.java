package dev.airlock.core.tool;

/**
 * A call that was refused or failed. {@code rule} names the policy that refused it ({@code egress.allowlist},
 * {@code files.traversal}, ...) so the gate's block notice and audit line can say why; it is empty for plain
 * failures (a server that did not answer).
 */
public class ToolException extends Exception {

    private final String rule;

    public ToolException(String rule, String message) {
        super(message);
        this.rule = rule == null ? "" : rule;
    }

    public static ToolException refused(String rule, String message) {
        return new ToolException(rule, message);
    }

    public static ToolException failed(String message) {
        return new ToolException("", message);
    }

    public String rule() {
        return rule;
    }

    public boolean isRefusal() {
        return !rule.isEmpty();
    }
}
