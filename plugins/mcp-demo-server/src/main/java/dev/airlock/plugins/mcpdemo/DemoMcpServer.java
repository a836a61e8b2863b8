package dev.airlock.plugins.mcpdemo;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An MCP server for samples and workshops, speaking MCP over its standard streams with the official SDK. It
 * stands in for real e-mail and ticketing systems: every call is kept in an outbox that {@code list_outbox}
 * returns, so a run can show exactly what left through the tool, after the gate's guardrails.
 */
public final class DemoMcpServer {

    private final List<Map<String, Object>> outbox = new ArrayList<>();

    private DemoMcpServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        DemoMcpServer demo = new DemoMcpServer();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json))
                .serverInfo("airlock-demo", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .toolCall(tool(json, "send_email", "Send an e-mail on the user's behalf",
                                "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"},"
                                        + "\"subject\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}},"
                                        + "\"required\":[\"to\",\"body\"]}"),
                        (exchange, request) -> demo.record("email", request.arguments()))
                .toolCall(tool(json, "create_ticket", "File a ticket in the external helpdesk",
                                "{\"type\":\"object\",\"properties\":{\"customer\":{\"type\":\"string\"},"
                                        + "\"summary\":{\"type\":\"string\"},\"details\":{\"type\":\"string\"}},"
                                        + "\"required\":[\"summary\"]}"),
                        (exchange, request) -> demo.record("ticket", request.arguments()))
                .toolCall(tool(json, "list_outbox", "Everything sent so far", "{\"type\":\"object\"}"),
                        (exchange, request) -> demo.outbox(json))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
        new CountDownLatch(1).await();
    }

    private static McpSchema.Tool tool(McpJsonMapper json, String name, String description, String schema) {
        return McpSchema.Tool.builder().name(name).description(description).inputSchema(json, schema).build();
    }

    private synchronized McpSchema.CallToolResult record(String kind, Map<String, Object> arguments) {
        // Ordered, unlike Map.of (whose order changes from one JVM to the next), so the outbox a sample shows the
        // user reads the same in every run.
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("arguments", arguments == null ? Map.of() : arguments);
        outbox.add(entry);
        return text(kind + " #" + outbox.size() + " accepted");
    }

    private synchronized McpSchema.CallToolResult outbox(McpJsonMapper json) {
        try {
            return text(json.writeValueAsString(outbox));
        } catch (java.io.IOException e) {
            return McpSchema.CallToolResult.builder().isError(true).textContent(List.of("outbox unreadable")).build();
        }
    }

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().textContent(List.of(text)).build();
    }
}
