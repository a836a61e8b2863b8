package dev.airlock.gate;

import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.topology.ToolSpec;

/**
 * Which {@link Tool} serves a topology's tool. The host decides (installed plugins, a test's fake) and may start
 * the tool on first use; the gate asks on every call, so the host keeps what it started and closes it at the end.
 */
@FunctionalInterface
public interface ToolSource {

    ToolSource NONE = spec -> {
        throw ToolException.failed("no handler serves tool " + spec.id());
    };

    /** @throws ToolException without a rule when nothing can serve the tool now */
    Tool toolFor(ToolSpec spec) throws ToolException;
}
