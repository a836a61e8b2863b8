package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.token.TokenException;
import dev.airlock.gate.token.TcpAuthenticator;
import dev.airlock.gate.transport.ChannelLink;
import dev.airlock.gate.transport.StreamLink;
import dev.airlock.gate.transport.UnixSockets;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where connections come in: one Unix socket per agent, an attached byte stream, or TCP. The transport fixes who
 * the agent is: the socket's agent, the stream's, or (over TCP) the agent named by a valid launch token in the
 * first frame; nothing later can change it.
 */
final class Acceptors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptors.class);

    private final Topology topology;
    private final TcpAuthenticator authenticator;
    private final int maxFrameBytes;
    private final Duration helloTimeout;
    private final ScheduledExecutorService scheduler;
    private final Sessions sessions;
    private final Recorder recorder;
    private final List<ServerSocketChannel> servers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    Acceptors(Topology topology, TcpAuthenticator authenticator, int maxFrameBytes, Duration helloTimeout,
              ScheduledExecutorService scheduler, Sessions sessions, Recorder recorder) {
        this.topology = topology;
        this.authenticator = authenticator;
        this.maxFrameBytes = maxFrameBytes;
        this.helloTimeout = helloTimeout;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.recorder = recorder;
    }

    Path listenUnix(String agentId, Path directory, AgentIdentity identity) throws IOException {
        UnixSockets.PeerCheck check = UnixSockets.peerCheck(identity);
        return serveUnix(agentId, UnixSockets.bind(directory, identity), directory, check);
    }

    Path listenUnixShared(String agentId, Path directory, AgentIdentity identity) throws IOException {
        UnixSockets.PeerCheck check = UnixSockets.peerCheck(identity);
        return serveUnix(agentId, UnixSockets.bindShared(directory, identity), directory, check);
    }

    private Path serveUnix(String agentId, ServerSocketChannel server, Path directory, UnixSockets.PeerCheck check) {
        servers.add(server);
        Path socket = directory.resolve(UnixSockets.SOCKET_NAME);
        acceptLoop("gate-accept-" + agentId, server, "accept on " + socket, ch -> admit(agentId, ch, check));
        return socket;
    }

    /**
     * Serves the connection only if its peer is the agent's own identity. Checked before the session exists, so
     * an impostor neither says hello nor takes one of the agent's connection slots.
     */
    private void admit(String agentId, SocketChannel ch, UnixSockets.PeerCheck check) throws IOException {
        String refusal;
        try {
            refusal = check.refusal(ch);
        } catch (IOException e) {
            refusal = "peer credentials unavailable: " + e.getMessage();
        }
        if (refusal != null) {
            recorder.emit(recorder.decision(agentId, "connect", "", "", "", GateAction.BLOCK, "identity.peer",
                    refusal, List.of(), 0, 0, System.nanoTime(), 0, 0));
            ch.close();
            return;
        }
        sessions.open(agentId, new ChannelLink(ch, "unix"), null);
    }

    void attachStream(String agentId, InputStream fromAgent, OutputStream toAgent) {
        sessions.attach(agentId, new StreamLink(fromAgent, toAgent, "stream", null));
    }

    InetSocketAddress listenTcp(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(address);
        servers.add(server);
        acceptLoop("gate-accept-tcp", server, "tcp accept", ch -> {
            ChannelLink link = new ChannelLink(ch, "tcp");
            Thread.ofPlatform().daemon().name("gate-tcp-auth").start(() -> authenticateTcp(link));
        });
        return (InetSocketAddress) server.getLocalAddress();
    }

    private interface Accepted {
        void take(SocketChannel ch) throws IOException;
    }

    private void acceptLoop(String thread, ServerSocketChannel server, String what, Accepted accepted) {
        Thread.ofPlatform().daemon().name(thread).start(() -> {
            while (!closed && server.isOpen()) {
                try {
                    accepted.take(server.accept());
                } catch (IOException e) {
                    if (!closed && server.isOpen()) {
                        LOG.warn("{} failed: {}", what, e.toString());
                    }
                }
            }
        });
    }

    private void authenticateTcp(ChannelLink link) {
        FrameCodec codec = new FrameCodec(maxFrameBytes);
        // Channel reads have no timeout of their own: a peer that never says hello is cut off instead. No agent is
        // known before the token names one.
        var deadline = scheduler.schedule(() -> {
            recorder.refusedConnection("?", "hello.timeout", "no hello within " + helloTimeout.toMillis() + " ms");
            link.close();
        }, helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Frame hello = codec.read(link.in());
            if (!deadline.cancel(false)) {
                return;
            }
            if (hello == null) {
                link.close();
                return;
            }
            if (!"hello".equals(hello.type())) {
                // Over TCP no agent is known until a token names one.
                recorder.emit(recorder.decision("?", hello.type(), "", "", "", GateAction.ERROR,
                        "handshake.before-hello", "the first frame must be hello", List.of(), 0, 0,
                        System.nanoTime(), 0, 0));
                link.write(FrameCodec.encode(Replies.error("hello_required", "the first frame must be hello", null)));
                link.close();
                return;
            }
            String agent = authenticator.agentOf(hello.header().string("token"));
            if (topology.agent(agent).isEmpty()) {
                throw new TokenException("token.agent", "token names no agent of this topology");
            }
            sessions.open(agent, link, hello);
        } catch (TokenException e) {
            if ("token.no-keys".equals(e.rule())) {
                // Not an attack but an operator's step left out: say it where the operator looks.
                LOG.warn("refused an agent over TCP: {}", e.getMessage());
            }
            recorder.emit(recorder.decision("?", "hello", "", "", "", GateAction.BLOCK, e.rule(), e.getMessage(),
                    List.of(), 0, 0, System.nanoTime(), 0, 0));
            try {
                link.write(FrameCodec.encode(Frame.of(Header.type("error").put("code", "auth_failed")
                        .put("rule", e.rule()).put("reason", e.getMessage()).build())));
            } catch (IOException ignored) {
                // the peer is being dropped anyway
            }
            link.close();
        } catch (FrameException | IOException e) {
            link.close();
        }
    }

    /** Stops accepting and removes the socket files this gate bound. */
    @Override
    public void close() {
        closed = true;
        List<Path> sockets = socketPaths();
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Path p : sockets) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stale socket file is harmless: the next bind deletes it
            }
        }
    }

    private List<Path> socketPaths() {
        return servers.stream().<Path>mapMulti((server, paths) -> {
            try {
                if (server.getLocalAddress() instanceof UnixDomainSocketAddress a) {
                    paths.accept(a.getPath());
                }
            } catch (IOException ignored) {
                // already closed: nothing to clean
            }
        }).toList();
    }
}
