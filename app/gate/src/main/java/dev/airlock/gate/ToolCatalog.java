package dev.airlock.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to {@code tool.list}: exactly the tools and tool-server functions in the asking agent's scope. */
final class ToolCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pipeline pipeline;
    private final PluginBridge plugins;

    ToolCatalog(Pipeline pipeline, PluginBridge plugins) {
        this.pipeline = pipeline;
        this.plugins = plugins;
    }

    /** A JSON array of {@code {name, description}}. */
    byte[] listFor(String agent) {
        ArrayNode list = JSON.createArrayNode();
        toolsOf(agent).forEach((name, description) -> list.addObject().put("name", name)
                .put("description", description));
        try {
            return JSON.writeValueAsBytes(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * What an agent may call: each scope entry, with a tool server's functions expanded (a scope of {@code mailer}
     * lists {@code mailer/send_email}, ...) and filtered (a scope of {@code mailer/send_email} lists only that).
     */
    private Map<String, String> toolsOf(String agent) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : pipeline.toolsOf(agent)) {
            ToolSpec spec = pipeline.toolInScope(agent, name).orElseThrow();
            Map<String, String> functions = spec.type() == ToolType.MCP ? plugins.functionsOf(spec) : Map.of();
            if (functions.isEmpty()) {
                out.put(name, spec.description());
            }
            functions.forEach((function, description) -> {
                if (pipeline.toolInScope(agent, function).isPresent()) {
                    out.put(function, description);
                }
            });
        }
        return out;
    }
}
