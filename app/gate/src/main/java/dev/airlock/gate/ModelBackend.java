package dev.airlock.gate;

import dev.airlock.core.topology.ModelSpec;
import dev.airlock.gate.token.TokenClaims;

/**
 * Completes a model request the gate has already allowed. The backend runs in the gate's process and receives the
 * credential resolved here; the agent only ever had its gate token.
 */
@FunctionalInterface
public interface ModelBackend {

    ModelBackend NONE = request -> {
        throw new ToolHandler.ToolUnavailable("no backend serves model " + request.model().id());
    };

    /** @return JSON {@code {"content": "...", "tool_calls": [...]}} (UTF-8) */
    byte[] complete(ModelRequest request) throws Exception;

    record ModelRequest(String agent, ModelSpec model, byte[] body, TokenClaims claims, String credential) {
        @Override
        public String toString() {
            return "ModelRequest[agent=" + agent + ", model=" + model.id() + ", bytes=" + body.length + "]";
        }
    }
}
