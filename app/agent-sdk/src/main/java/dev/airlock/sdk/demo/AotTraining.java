package dev.airlock.sdk.demo;

import dev.airlock.sdk.Agent;
import dev.airlock.sdk.Frame;
import dev.airlock.sdk.FrameCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The training run behind {@code airlock/agent-java}'s ahead-of-time cache (JDK 25, JEP 483/514): while the image
 * is built, this plays one agent's start (connect, hello, ready, a message, its answer, a log line) against a gate
 * stand-in in the same JVM, so the classes an agent needs to say hello are loaded and linked before it starts.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("airlock-aot");
        Path socket = dir.resolve("gate.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread gate = Thread.ofPlatform().start(() -> standIn(server));
            try (Agent agent = Agent.connect(socket.toString(), Duration.ofSeconds(10))) {
                agent.log("info", "training " + agent.id());
                EchoAgent.answer(agent, agent.receive(Duration.ofSeconds(10)));
            }
            gate.join(10_000);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** Answers hello with ready, sends one message, and reads until the agent leaves. */
    private static void standIn(ServerSocketChannel server) {
        try (SocketChannel ch = server.accept()) {
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME);
            FrameCodec.write(out, Frame.of(Map.of("t", "ready", "agent", "trainee", "user", "user", "token", "t0",
                    "exp", System.currentTimeMillis() + 60_000, "peers", List.of("user"), "tools", List.of(),
                    "models", List.of())));
            FrameCodec.write(out, new Frame(Map.of("t", "deliver", "from", "user", "kind", "message", "id", 1),
                    "warm up".getBytes(StandardCharsets.UTF_8)));
            while (FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME) != null) {
                // Drain the agent's log line and answer until it closes the pipe.
            }
        } catch (IOException e) {
            // The agent left: training is over.
        }
    }
}
