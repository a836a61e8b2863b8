package dev.airlock.core.tool;

import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

/** Makes tools of one {@link ToolType}; registered with ServiceLoader like model backends. */
public interface ToolProvider {

    ToolType type();

    Tool create(ToolSpec spec, ToolContext context) throws ToolException;
}
