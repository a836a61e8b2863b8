package dev.airlock.plugins.mcp;

import dev.airlock.core.tool.ServerLauncher.LaunchedServer;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * MCP's stdio framing (one JSON-RPC message per line) over streams we are handed rather than a process we start:
 * the SDK's own stdio transport launches a local process, but our servers run in containers reached through the
 * engine's attach streams.
 */
final class StreamClientTransport implements McpClientTransport {

    private final LaunchedServer server;
    private final McpJsonMapper json;
    private final Object writeLock = new Object();
    private volatile boolean closed;
    private Thread reader;

    StreamClientTransport(LaunchedServer server, McpJsonMapper json) {
        this.server = server;
        this.json = json;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            reader = Thread.ofPlatform().daemon().name("mcp-reader").start(() -> readLoop(handler));
        });
    }

    private void readLoop(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.output(), StandardCharsets.UTF_8))) {
            String line;
            while (!closed && (line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | IllegalArgumentException e) {
                    continue; // a server's stray output is not a reason to drop the session
                }
                handler.apply(Mono.just(message)).subscribe();
            }
        } catch (IOException e) {
            // the stream ended with the server; pending requests time out in the client
        }
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                // The stdio framing forbids raw newlines inside a message.
                byte[] line = (json.writeValueAsString(message).replace("\r", "").replace("\n", "\\n") + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = server.input();
                synchronized (writeLock) {
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closed = true;
            server.close();
            if (reader != null) {
                reader.interrupt();
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }
}
