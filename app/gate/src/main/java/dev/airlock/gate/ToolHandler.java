package dev.airlock.gate;

import dev.airlock.core.topology.ToolSpec;
import dev.airlock.gate.token.TokenClaims;

/**
 * Runs a tool call the gate has already allowed (in scope, approved if required, arguments guarded). The result is
 * guarded again before the agent sees it. Implementations receive the agent's gate token, never a real credential.
 */
@FunctionalInterface
public interface ToolHandler {

    ToolHandler NONE = call -> {
        throw new ToolUnavailable("no handler serves tool " + call.tool().id());
    };

    /** @return the JSON result (UTF-8) */
    byte[] call(ToolCall call) throws Exception;

    /**
     * The functions a tool offers, as {@code name → description}; an MCP server answers with its own list, so the
     * gate can show an agent exactly the functions in its scope. Empty when the handler cannot tell.
     */
    default java.util.Map<String, String> describe(ToolSpec tool) {
        return java.util.Map.of();
    }

    /** @param name the name the agent called, {@code tool} or {@code tool/operation} */
    record ToolCall(String agent, ToolSpec tool, String name, byte[] arguments, TokenClaims claims, String token) {
    }

    /**
     * The tool itself refused the call by a rule of its own (an egress allowlist, a read-only grant): the agent gets
     * a {@code block} naming {@link #rule()}, exactly like a refusal by the gate's policy.
     */
    final class Refused extends Exception {
        private final String rule;

        public Refused(String rule, String reason) {
            super(reason, null, false, false);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /** The tool exists in policy but nothing can serve it now. */
    final class ToolUnavailable extends Exception {
        public ToolUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
