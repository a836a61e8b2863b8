package dev.airlock.run.plugins;

import dev.airlock.core.tool.ServerLauncher;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.Tools;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.gate.ToolSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves a run's tools with the installed tool plugins. A tool starts on first use, so an MCP server no agent calls
 * is never started; all are closed with the run.
 */
public final class PluginTools implements ToolSource, AutoCloseable {

    private final ToolContext context;
    private final Tools installed = Tools.installed();
    private final Map<String, Tool> started = new LinkedHashMap<>();

    public PluginTools(Path baseDir, Path workspace, ServerLauncher servers) {
        this.context = new ToolContext(workspace, baseDir, servers);
    }

    @Override
    public synchronized Tool toolFor(ToolSpec spec) throws ToolException {
        Tool tool = started.get(spec.id());
        if (tool == null) {
            var provider = installed.provider(spec.type()).orElseThrow(() ->
                    ToolException.failed("no plugin serves tools of type " + spec.type().text()));
            tool = provider.create(spec, context);
            started.put(spec.id(), tool);
        }
        return tool;
    }

    @Override
    public synchronized void close() {
        started.values().forEach(Tool::close);
        started.clear();
    }
}
