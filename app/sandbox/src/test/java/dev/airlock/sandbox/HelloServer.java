package dev.airlock.sandbox;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.AgentPipes;
import dev.airlock.core.runtime.SandboxStreams;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The far end of agents' pipes for sandbox tests, standing in for the gate (which is tested in its own module):
 * real Unix sockets with the gate's ownership recipe, answers hello with ready and reports it.
 */
final class HelloServer implements AgentPipes, AutoCloseable {

    private final Consumer<String> onHello;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    HelloServer(Consumer<String> onHello) {
        this.onHello = onHello;
    }

    @Override
    public void listenUnix(String agentId, Path directory, AgentIdentity identity) throws IOException {
        Files.createDirectories(directory.getParent());
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rwx------")));
        Path socket = directory.resolve("gate.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        for (Path p : List.of(socket, directory)) {
            Files.setAttribute(p, "unix:gid", identity.gid());
            Files.setAttribute(p, "unix:uid", identity.uid());
        }
        open.add(server);
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    open.add(ch);
                    Thread.ofVirtual().start(() -> serve(agentId, Channels.newInputStream(ch),
                            Channels.newOutputStream(ch)));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void attach(String agentId, SandboxStreams streams) {
        Thread.ofVirtual().start(() -> serve(agentId, streams.fromAgent(), streams.toAgent()));
    }

    private void serve(String agentId, InputStream in, OutputStream out) {
        try {
            Frame hello = FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME);
            if (hello == null || !"hello".equals(hello.type())) {
                return;
            }
            FrameCodec.write(out, Frame.of(Map.of("t", "ready", "agent", agentId, "user", "user", "token", "t0",
                    "exp", System.currentTimeMillis() + 60_000, "peers", List.of(), "tools", List.of(),
                    "models", List.of())));
            onHello.accept(agentId);
            while (FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME) != null) {
                // Keep the pipe open until the agent leaves.
            }
        } catch (IOException e) {
            // The agent went away.
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
