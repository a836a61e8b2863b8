package dev.airlock.core.tool;

import java.time.Duration;
import java.util.Set;

/**
 * A call the gate has let through. {@code grants} are the qualifiers of the agent's scope entry for this tool
 * ({@code crm/write} grants {@code write}); empty means the tool's least privilege.
 */
public record ToolInvocation(String agent, String function, String argumentsJson, Set<String> grants,
                             Duration timeout) {

    public ToolInvocation {
        grants = Set.copyOf(grants);
    }
}
