package dev.airlock.core.tool;

import dev.airlock.core.plugin.Extension;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

/** Makes tools of one {@link ToolType}; registered with ServiceLoader like model backends. */
public interface ToolProvider extends Extension {

    ToolType type();

    @Override
    default String describe() {
        return "tool type " + type().text();
    }

    Tool create(ToolSpec spec, ToolContext context) throws ToolException;
}
