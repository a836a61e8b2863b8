package dev.airlock.plugins.mcp;

import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP server as a tool. Its functions are offered as {@code tool/function}; the gate's scope check has
 * already filtered them per agent, and this class refuses any name the server did not list.
 */
final class McpTool implements Tool {

    static final String RULE_UNKNOWN = "mcp.unknown-tool";

    private final String id;
    private final McpSyncClient client;
    private final McpJsonMapper json;
    private final Map<String, McpSchema.Tool> functions = new LinkedHashMap<>();

    McpTool(String id, McpSyncClient client, McpJsonMapper json) {
        this.id = id;
        this.client = client;
        this.json = json;
        for (McpSchema.Tool t : client.listTools().tools()) {
            functions.put(t.name(), t);
        }
    }

    @Override
    public List<ToolDefinition> definitions() {
        List<ToolDefinition> out = new ArrayList<>();
        functions.forEach((name, t) -> out.add(new ToolDefinition(id + "/" + name,
                t.description() == null ? "" : t.description(), schema(t))));
        return out;
    }

    private String schema(McpSchema.Tool t) {
        try {
            return json.writeValueAsString(t.inputSchema());
        } catch (IOException e) {
            return "{\"type\":\"object\"}";
        }
    }

    @Override
    public ToolResult call(ToolInvocation invocation) throws ToolException {
        String name = invocation.function().startsWith(id + "/")
                ? invocation.function().substring(id.length() + 1) : invocation.function();
        if (!functions.containsKey(name)) {
            throw ToolException.refused(RULE_UNKNOWN, "MCP server '" + id + "' offers no tool '" + name + "'");
        }
        McpSchema.CallToolResult result;
        try {
            String arguments = invocation.argumentsJson() == null || invocation.argumentsJson().isBlank()
                    ? "{}" : invocation.argumentsJson();
            result = client.callTool(new McpSchema.CallToolRequest(json, name, arguments));
        } catch (RuntimeException e) {
            throw ToolException.failed("MCP server '" + id + "' failed on '" + name + "': " + e.getMessage());
        }
        List<String> texts = new ArrayList<>();
        for (McpSchema.Content c : result.content()) {
            if (c instanceof McpSchema.TextContent text) {
                texts.add(text.text());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", texts);
        out.put("isError", Boolean.TRUE.equals(result.isError()));
        try {
            return new ToolResult(json.writeValueAsString(out));
        } catch (IOException e) {
            throw ToolException.failed("cannot encode the result of '" + name + "'");
        }
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
