package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.token.TcpAuthenticator;
import dev.airlock.gate.token.TokenService;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The gate: every frame an agent sends passes here, is decided by the {@link Pipeline}, recorded, and delivered or
 * refused. Identity comes only from the transport a frame arrives on. One gate serves one topology.
 *
 * <p>The work is done by its parts: {@link Acceptors} take connections, {@link Handshake} answers the hello,
 * {@link Router} takes each later frame to a {@link Mailboxes delivery} or the {@link CallPath} of tools and
 * models, and {@link Recorder} records every decision.
 */
public final class Gate implements AutoCloseable {

    /** One agent is one connection; a few more may be in flight during a restart, never a flood of them. */
    static final int MAX_CONNECTIONS_PER_AGENT = 4;

    /** How long closing waits for the frames in hand to be recorded; a reader whose link ended takes microseconds. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private final Topology topology;
    private final Pipeline pipeline;
    private final TokenService tokens;
    private final EventStream stream = new EventStream();
    private final SecretValues secrets = new SecretValues();
    private final Recorder recorder;
    private final UserChannel user;
    private final ScheduledExecutorService scheduler;
    private final Sessions sessions;
    private final Mailboxes mailboxes;
    private final Handshake handshake;
    private final Router router;
    private final Acceptors acceptors;
    private volatile boolean closed;

    private Gate(Topology topology, GateOptions options) throws IOException {
        this.topology = topology;
        this.pipeline = new Pipeline(topology, Guardrails.forTopology(topology), true);
        this.tokens = new TokenService(options.tokenTtl());
        this.recorder = new Recorder(pipeline, secrets, stream, options.events(), options.auditLog(),
                options.capture());
        this.user = new UserChannel(topology.user().id(), this);
        // Token rotations and hello deadlines: short tasks that never wait on an agent.
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("gate-timers").unstarted(r));
        this.sessions = new Sessions(this, recorder, options, scheduler);
        this.mailboxes = new Mailboxes(sessions, user, options.maxBufferedBytes());
        this.handshake = new Handshake(pipeline, tokens, options.tokenTtl(), scheduler, sessions, mailboxes,
                recorder);
        Approvals approvals = new Approvals(options.approvals());
        PluginBridge plugins = new PluginBridge(pipeline, options.tools(), options.models(), options.credentials(),
                secrets);
        this.router = new Router(pipeline, approvals, mailboxes, recorder, secrets,
                new ToolCalls(pipeline, approvals, plugins),
                new ModelCalls(pipeline, plugins), new ToolCatalog(pipeline, plugins));
        TcpAuthenticator tcp = options.tcpAuthenticator() != null ? options.tcpAuthenticator()
                : token -> tokens.verify(token, null).agent();
        this.acceptors = new Acceptors(topology, tcp, options.maxFrameBytes(), options.helloTimeout(), scheduler,
                sessions, recorder);
    }

    public static Gate start(Topology topology, GateOptions options) {
        try {
            return new Gate(topology, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the gate's audit or capture file: " + e.getMessage(), e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public UserChannel user() {
        return user;
    }

    /** Subscribe here for a bounded, non-blocking view of every event (live view, tests). */
    public EventStream events() {
        return stream;
    }

    /**
     * Creates {@code directory} and binds {@code directory/gate.sock}, both owned by {@code identity} with no
     * access for anyone else (0700, 0600), and serves exactly agent {@code agentId} on it, to peers that have
     * that identity. Returns the socket path.
     */
    public Path listenUnix(String agentId, Path directory, AgentIdentity identity) throws IOException {
        requireAgent(agentId);
        return acceptors.listenUnix(agentId, directory, identity);
    }

    /**
     * For a gate that is not root, beside agents in other containers: binds {@code directory/gate.sock} in a
     * directory the platform prepared (the agent's volume: owned by the gate, group the agent's gid, nothing for
     * others), group-accessible, and admits only peers with the agent's uid:gid. A gate that cannot give files
     * away gets this instead of {@link #listenUnix}'s ownership. Returns the socket path.
     */
    public Path listenUnixShared(String agentId, Path directory, AgentIdentity identity) throws IOException {
        requireAgent(agentId);
        return acceptors.listenUnixShared(agentId, directory, identity);
    }

    /** Serves agent {@code agentId} over a byte stream (e.g. a container's attached stdio). */
    public void attachStream(String agentId, InputStream fromAgent, OutputStream toAgent) {
        requireAgent(agentId);
        acceptors.attachStream(agentId, fromAgent, toAgent);
    }

    /**
     * Listens for in-cluster agents over TCP. A connection's first frame must be a hello carrying a token: a
     * launch token from {@link #launchToken}, or what {@link GateOptions#tcpAuthenticator()} accepts; the agent is
     * the token's, and a forged, expired or unknown one closes the connection. Returns the bound address.
     */
    public InetSocketAddress listenTcp(InetSocketAddress address) throws IOException {
        return acceptors.listenTcp(address);
    }

    /** A token an in-cluster agent presents in its TCP hello. */
    public String launchToken(String agentId) {
        requireAgent(agentId);
        return tokens.issue(tokens.claimsFor(agentId, topology.user().id(), List.of("connect")));
    }

    /**
     * Bytes the gate holds for {@code agentId} and has not yet handed to its socket: messages waiting for it to
     * connect, and its connection's unsent queue. Bounded by {@link GateOptions#maxBufferedBytes()}.
     */
    long bufferedBytes(String agentId) {
        return mailboxes.bufferedBytes(agentId);
    }

    private void requireAgent(String agentId) {
        if (topology.agent(agentId).isEmpty()) {
            throw new IllegalArgumentException("no agent " + agentId + " in topology " + topology.name());
        }
    }

    // ---- called by a session and the user's channel ------------------------------------------------------------

    TokenService tokens() {
        return tokens;
    }

    SecretValues secrets() {
        return secrets;
    }

    void beforeHello(Session s, Frame frame) throws IOException {
        handshake.beforeHello(s, frame);
    }

    void handle(Session s, Frame frame) throws IOException {
        router.handle(s, frame);
    }

    void frameRefused(Session s, FrameException e) {
        router.frameRefused(s, e);
    }

    void sessionClosed(Session s, String reason) {
        sessions.closed(s, reason);
    }

    Verdict sendAsUser(String to, String kind, byte[] body) {
        return router.sendAsUser(user.id(), to, kind, body);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        acceptors.close();
        sessions.closeAll(CLOSE_GRACE);
        scheduler.shutdownNow();
        pipeline.guardrails().close();
        recorder.close();
    }
}
