package dev.airlock.plugins.mcp;

import dev.airlock.core.tool.ServerLauncher.LaunchedServer;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolProvider;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;

import java.time.Duration;

/** {@code type: mcp}: starts the server through the run's launcher and speaks MCP to it with the official SDK. */
public final class McpToolProvider implements ToolProvider {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public ToolType type() {
        return ToolType.MCP;
    }

    @Override
    public Tool create(ToolSpec spec, ToolContext context) throws ToolException {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        LaunchedServer server = context.servers().launch(spec);
        McpSyncClient client = McpClient.sync(new StreamClientTransport(server, json))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .build();
        try {
            client.initialize();
            return new McpTool(spec.id(), client, json);
        } catch (RuntimeException e) {
            client.closeGracefully();
            throw ToolException.failed("MCP server '" + spec.id() + "' did not start: " + e.getMessage());
        }
    }
}
