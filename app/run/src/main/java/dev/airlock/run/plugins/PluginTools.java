package dev.airlock.run.plugins;

import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.ServerLauncher;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.Tools;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.ToolHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves the gate's tool calls with the installed tool plugins. Tools start on first use, so an MCP server no
 * agent calls is never started; all are closed with the run. Refusals keep their rule on the way to the gate.
 */
public final class PluginTools implements ToolHandler, AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final ToolContext context;
    private final Tools installed;
    private final Map<String, Tool> started = new LinkedHashMap<>();

    public PluginTools(Topology topology, Path baseDir, Path workspace, ServerLauncher servers) {
        this.topology = topology;
        this.context = new ToolContext(workspace, baseDir, servers);
        this.installed = Tools.installed();
    }

    @Override
    public byte[] call(ToolCall call) throws Exception {
        Tool tool = tool(call.tool());
        ToolInvocation invocation = new ToolInvocation(call.agent(), call.name(),
                new String(call.arguments(), StandardCharsets.UTF_8), grants(call.agent(), call.tool().id()),
                CALL_TIMEOUT);
        try {
            return tool.call(invocation).json().getBytes(StandardCharsets.UTF_8);
        } catch (ToolException e) {
            if (e.isRefusal()) {
                throw new ToolHandler.Refused(e.rule(), e.getMessage());
            }
            throw new ToolHandler.ToolUnavailable(e.getMessage());
        }
    }

    @Override
    public Map<String, String> describe(ToolSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            tool(spec).definitions().forEach(d -> out.put(d.name(), d.description()));
        } catch (Exception e) {
            // A server that cannot start lists nothing; calling it is refused with the reason.
        }
        return out;
    }

    /** What a model may be told about the tools in an agent's scope. */
    public List<ToolDefinition> definitionsFor(String agent) {
        List<ToolDefinition> out = new ArrayList<>();
        AgentSpec a = topology.agent(agent).orElse(null);
        if (a == null) {
            return out;
        }
        for (String scope : a.tools()) {
            String id = scope.split("/", 2)[0];
            topology.tool(id).ifPresent(spec -> {
                try {
                    for (ToolDefinition d : tool(spec).definitions()) {
                        if (!scope.contains("/") || scope.endsWith("/write") || d.name().equals(scope)) {
                            out.add(d);
                        }
                    }
                } catch (Exception e) {
                    // A tool that cannot start is left out of the offer; a call to it is refused with the reason.
                }
            });
        }
        return out;
    }

    private synchronized Tool tool(ToolSpec spec) throws Exception {
        Tool tool = started.get(spec.id());
        if (tool == null) {
            var provider = installed.provider(spec.type()).orElseThrow(() ->
                    new ToolHandler.ToolUnavailable("no plugin serves tools of type " + spec.type().text()));
            try {
                tool = provider.create(spec, context);
            } catch (ToolException e) {
                throw new ToolHandler.ToolUnavailable(e.getMessage());
            }
            started.put(spec.id(), tool);
        }
        return tool;
    }

    private Set<String> grants(String agent, String toolId) {
        return topology.agent(agent).filter(a -> a.tools().contains(toolId + "/write"))
                .map(a -> Set.of("write")).orElse(Set.of());
    }

    @Override
    public synchronized void close() {
        started.values().forEach(Tool::close);
        started.clear();
    }
}
