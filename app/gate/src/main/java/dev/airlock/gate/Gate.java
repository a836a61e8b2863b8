package dev.airlock.gate;

import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.audit.AuditLog;
import dev.airlock.gate.audit.CaptureLog;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.token.TokenClaims;
import dev.airlock.gate.token.TokenException;
import dev.airlock.gate.token.TokenService;
import dev.airlock.gate.transport.ChannelLink;
import dev.airlock.gate.transport.Link;
import dev.airlock.gate.transport.StreamLink;
import dev.airlock.gate.transport.UnixSockets;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gate: every frame an agent sends passes here, is decided by the {@link Pipeline}, recorded, and delivered or
 * refused. Identity comes only from the transport a frame arrives on. One gate serves one topology.
 */
public final class Gate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);
    static final int PENDING_PER_AGENT = 256;
    static final int MAX_CONNECTIONS_PER_AGENT = 4;
    static final long TCP_HELLO_TIMEOUT_MILLIS = 10_000;
    static final int PROTOCOL_VERSION = 1;

    private final Topology topology;
    private final GateOptions options;
    private final Pipeline pipeline;
    private final TokenService tokens;
    private final EventStream stream = new EventStream();
    private final AuditLog audit;
    private final CaptureLog capture;
    private final UserChannel user;
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Map<String, Deque<byte[]>> pending = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> agentBuckets = new ConcurrentHashMap<>();
    private final List<Closeable> listeners = new CopyOnWriteArrayList<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private Gate(Topology topology, GateOptions options) throws IOException {
        this.topology = topology;
        this.options = options;
        this.pipeline = new Pipeline(topology, Guardrails.forTopology(topology), true);
        this.tokens = new TokenService(options.tokenTtl());
        this.audit = options.auditLog() == null ? null : new AuditLog(options.auditLog());
        this.capture = options.capture() == null ? null : new CaptureLog(options.capture());
        this.user = new UserChannel(topology.user().id(), this);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("gate-tokens").unstarted(r));
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

    TokenService tokens() {
        return tokens;
    }

    /**
     * Creates {@code directory} (mode 0750, group {@code groupId}), binds {@code directory/gate.sock} (mode 0660,
     * same group) and serves exactly agent {@code agentId} on it. Returns the socket path.
     */
    public Path listenUnix(String agentId, Path directory, int groupId) throws IOException {
        requireAgent(agentId);
        ServerSocketChannel server = UnixSockets.bind(directory, groupId);
        listeners.add(server);
        Path socket = directory.resolve(UnixSockets.SOCKET_NAME);
        Thread.ofPlatform().daemon().name("gate-accept-" + agentId).start(() -> {
            while (!closed && server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    serve(agentId, new ChannelLink(ch, "unix"), null);
                } catch (IOException e) {
                    if (!closed && server.isOpen()) {
                        LOG.warn("accept on {} failed: {}", socket, e.toString());
                    }
                }
            }
        });
        return socket;
    }

    /** Serves agent {@code agentId} over a byte stream (e.g. a container's attached stdio). */
    public void attachStream(String agentId, InputStream fromAgent, OutputStream toAgent) {
        requireAgent(agentId);
        serve(agentId, new StreamLink(fromAgent, toAgent, "stream", null), null);
    }

    /**
     * Listens for in-cluster agents over TCP. A connection's first frame must be a hello carrying a launch token
     * from {@link #launchToken}; the agent is the token's, and a forged, expired or unknown one closes the
     * connection. Returns the bound address.
     */
    public InetSocketAddress listenTcp(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(address);
        listeners.add(server);
        Thread.ofPlatform().daemon().name("gate-accept-tcp").start(() -> {
            while (!closed && server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread.ofPlatform().daemon().name("gate-tcp-auth").start(() -> authenticateTcp(ch));
                } catch (IOException e) {
                    if (!closed && server.isOpen()) {
                        LOG.warn("tcp accept failed: {}", e.toString());
                    }
                }
            }
        });
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** A token an in-cluster agent presents in its TCP hello. */
    public String launchToken(String agentId) {
        requireAgent(agentId);
        return tokens.issue(tokens.claimsFor(agentId, topology.user().id(), List.of("connect")));
    }

    private void authenticateTcp(SocketChannel ch) {
        ChannelLink link = new ChannelLink(ch, "tcp");
        FrameCodec codec = new FrameCodec(options.maxFrameBytes());
        // Channel reads have no timeout of their own: a peer that never says hello is cut off instead.
        var deadline = scheduler.schedule(link::close, TCP_HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            Frame hello = codec.read(link.in());
            deadline.cancel(false);
            if (hello == null) {
                link.close();
                return;
            }
            if (!"hello".equals(hello.type())) {
                link.write(FrameCodec.encode(Session.error("hello_required", "the first frame must be hello", null)));
                link.close();
                return;
            }
            TokenClaims claims = tokens.verify(hello.header().string("token"), null);
            if (topology.agent(claims.agent()).isEmpty()) {
                throw new TokenException("token.agent", "token names no agent of this topology");
            }
            serve(claims.agent(), link, hello);
        } catch (TokenException e) {
            emit(decision("?", "hello", "", "", "", Verdict.BLOCK, e.rule(), e.getMessage(), List.of(), 0, 0,
                    System.nanoTime(), 0, 0));
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

    private void requireAgent(String agentId) {
        if (topology.agent(agentId).isEmpty()) {
            throw new IllegalArgumentException("no agent " + agentId + " in topology " + topology.name());
        }
    }

    private void serve(String agentId, Link link, Frame alreadyRead) {
        long open = sessions.stream().filter(x -> x.agent().equals(agentId)).count();
        if (open >= MAX_CONNECTIONS_PER_AGENT) {
            // One agent is one connection; a few more may be in flight during a restart, never a flood of them.
            LOG.warn("agent {}: refusing connection, {} already open", agentId, open);
            link.close();
            return;
        }
        Session s = new Session(this, agentId, link, options.maxFrameBytes());
        sessions.add(s);
        emit(new GateConnection(System.nanoTime(), System.currentTimeMillis(), agentId, link.transport(), true, ""));
        Thread.ofPlatform().daemon().name("gate-" + agentId).start(() -> s.run(alreadyRead));
    }

    // ---- called by sessions ------------------------------------------------------------------------------------

    void hello(Session s, Frame hello) throws IOException {
        Object v = hello.header().get("v");
        if (!(v instanceof Long version) || version != PROTOCOL_VERSION) {
            s.send(Session.error("unsupported_version", "this gate speaks protocol v" + PROTOCOL_VERSION,
                    hello.header().id()));
            s.close("unsupported version");
            return;
        }
        if (hello.header().has("from")) {
            s.send(Session.error("from_not_allowed", "frames never name their sender", hello.header().id()));
            return;
        }
        Session existing = live.putIfAbsent(s.agent(), s);
        if (existing != null && existing != s) {
            s.send(Session.error("already_connected", "agent " + s.agent() + " already has a live connection",
                    hello.header().id()));
            s.close("duplicate connection");
            return;
        }
        long started = System.nanoTime();
        TokenClaims claims = tokens.claimsFor(s.agent(), topology.user().id(), scopes(s.agent()));
        String token = tokens.issue(claims);
        s.becomeReady(claims, token);
        s.send(Frame.of(Header.type("ready").put("id", hello.header().id()).put("agent", s.agent())
                .put("user", topology.user().id()).put("token", token).put("exp", claims.expiresAt())
                .put("peers", pipeline.peersOf(s.agent())).put("tools", pipeline.toolsOf(s.agent()))
                .put("models", pipeline.modelsOf(s.agent())).build()));
        scheduleRotation(s);
        flushPending(s);
        emit(decision(s.agent(), "hello", "", "", "", Verdict.DELIVER, "", "", List.of(), 0, 0, started, 0, 0));
    }

    private List<String> scopes(String agent) {
        List<String> scopes = new ArrayList<>(pipeline.toolsOf(agent).stream().map(t -> "tool:" + t).toList());
        pipeline.modelsOf(agent).forEach(m -> scopes.add("model:" + m));
        return scopes;
    }

    /** Rotates a session's token when four fifths of its life have passed, so it never expires in use. */
    private void scheduleRotation(Session s) {
        long delay = Math.max(1, options.tokenTtl().toMillis() * 4 / 5);
        s.rotation(scheduler.schedule(() -> {
            if (!s.ready()) {
                return;
            }
            TokenClaims claims = tokens.claimsFor(s.agent(), topology.user().id(), scopes(s.agent()));
            String token = tokens.issue(claims);
            s.rotated(claims, token);
            s.sendQuietly(Frame.of(Header.type("token").put("token", token).put("exp", claims.expiresAt()).build()));
            scheduleRotation(s);
        }, delay, TimeUnit.MILLISECONDS));
    }

    void frameRefused(Session s, FrameException e) {
        emit(decision(s.agent(), "?", "", "", "", Verdict.ERROR, "frame." + e.code(), e.getMessage(), List.of(), 0,
                0, System.nanoTime(), 0, 0));
        s.sendQuietly(Session.error(e.code(), e.getMessage(), null));
    }

    void handle(Session s, Frame frame) throws IOException {
        long started = System.nanoTime();
        Header h = frame.header();
        String type = h.type();
        if (h.has("from")) {
            refuse(s, frame, started, Verdict.ERROR, "identity.from", "frames never name their sender; the gate "
                    + "knows who you are from your connection", "from_not_allowed");
            return;
        }
        if (!agentBucket(s.agent()).tryTake(started)) {
            refuse(s, frame, started, Verdict.BLOCK, "rate.agent", "agent " + s.agent() + " is over its rate", null);
            return;
        }
        if (h.has("token")) {
            try {
                s.verifyPresented(h.string("token"));
            } catch (TokenException e) {
                refuse(s, frame, started, Verdict.BLOCK, e.rule(), e.getMessage(), null);
                return;
            }
        }
        switch (type) {
            case "send" -> onSend(s, frame, started);
            case "tool.list" -> onToolList(s, frame, started);
            case "tool.call" -> onToolCall(s, frame, started);
            case "model.complete" -> onModel(s, frame, started);
            case "ping" -> s.send(Frame.of(Header.type("pong").put("id", h.id()).build()));
            case "pong", "log" -> {
                // Heartbeats need no answer; agent logs are not content we forward anywhere.
            }
            case "hello" -> s.send(Session.error("already_ready", "hello was already answered", h.id()));
            case "bye" -> s.close("bye");
            default -> refuse(s, frame, started, Verdict.ERROR, "frame.unknown-type", "unknown frame type",
                    "unknown_type");
        }
    }

    private TokenBucket agentBucket(String agent) {
        return agentBuckets.computeIfAbsent(agent, a -> new TokenBucket(topology.defaults().rate(), System.nanoTime()));
    }

    private void onSend(Session s, Frame frame, long started) throws IOException {
        Header h = frame.header();
        String to = h.string("to");
        String kind = h.has("kind") ? h.string("kind") : "message";
        if (kind == null) {
            refuse(s, frame, started, Verdict.ERROR, "frame.bad-header", "\"kind\" must be a string", "bad_header");
            return;
        }
        Verdict v = pipeline.send(s.agent(), to, kind, frame.body());
        v = resolveAsk(s.agent(), to, kind, v);
        if (v.passes()) {
            String problem = deliver(s.agent(), to, kind, h.id(), v.body());
            if (problem != null) {
                v = Verdict.block("peer.unavailable", problem, v.pipe());
            }
        }
        finish(s, frame, started, to, kind, v, 0, 0);
    }

    Verdict sendAsUser(String to, String kind, byte[] body) {
        long started = System.nanoTime();
        Verdict v = pipeline.send(user.id(), to, kind, body);
        v = resolveAsk(user.id(), to, kind, v);
        if (v.passes()) {
            String problem = deliver(user.id(), to, kind, null, v.body());
            if (problem != null) {
                v = Verdict.block("peer.unavailable", problem, v.pipe());
            }
        }
        record(user.id(), "send", to, kind, body, v, started, 0, 0);
        return v;
    }

    /** Asks the approval handler about a held frame; the answer turns it into a delivery or a block. */
    private Verdict resolveAsk(String agent, String target, String kind, Verdict v) {
        if (!v.action().equals(Verdict.ASK)) {
            return v;
        }
        String preview = new String(v.body(), StandardCharsets.UTF_8);
        preview = preview.length() > 300 ? preview.substring(0, 300) + "…" : preview;
        boolean approved;
        try {
            approved = options.approvals().approve(new ApprovalHandler.ApprovalRequest(agent, target, kind, v.rule(),
                    v.reason(), preview));
        } catch (Exception e) {
            LOG.warn("approval handler failed; refusing: {}", e.toString());
            approved = false;
        }
        if (!approved) {
            return new Verdict(Verdict.BLOCK, v.rule(), "refused by the user: " + v.reason(), null, v.findings(),
                    v.pipe());
        }
        boolean masked = v.findings().stream().anyMatch(f -> f.action()
                == dev.airlock.core.topology.GuardrailSpec.Action.MASK);
        return new Verdict(masked ? Verdict.MASK : Verdict.DELIVER, v.rule(), "approved by the user", v.body(),
                v.findings(), v.pipe());
    }

    /** Delivers to a peer now, or queues until it connects; returns why not, or null. */
    private String deliver(String from, String to, String kind, Object id, byte[] body) {
        if (to.equals(user.id())) {
            return user.accept(new Delivery(from, kind, new String(body, StandardCharsets.UTF_8), System.nanoTime()))
                    ? null : "the user's inbox is full";
        }
        Header header = Header.type("deliver").put("from", from).put("kind", kind).put("id", id).build();
        Session target = live.get(to);
        if (target != null && target.accepting()) {
            try {
                target.link().write(FrameCodec.encodeHead(header, body.length), body);
                return null;
            } catch (IOException e) {
                target.close("write failed");
                return "agent " + to + " went away";
            }
        }
        byte[] frame = FrameCodec.encode(new Frame(header, body));
        Deque<byte[]> queue = pending.computeIfAbsent(to, k -> new ArrayDeque<>());
        synchronized (queue) {
            Session now = live.get(to);
            if (now != null && now.accepting()) {
                // It became ready meanwhile; its pending queue is already flushed.
                try {
                    now.link().write(frame);
                    return null;
                } catch (IOException e) {
                    return "agent " + to + " went away";
                }
            }
            if (queue.size() >= PENDING_PER_AGENT) {
                return "agent " + to + " is not connected and its backlog is full";
            }
            queue.add(frame);
            return null;
        }
    }

    /** Sends what waited for this agent, then lets deliveries go direct; the queue lock keeps them in order. */
    private void flushPending(Session s) throws IOException {
        Deque<byte[]> queue = pending.computeIfAbsent(s.agent(), k -> new ArrayDeque<>());
        synchronized (queue) {
            while (!queue.isEmpty()) {
                s.link().write(queue.poll());
            }
            s.startAccepting();
        }
    }

    private void onToolList(Session s, Frame frame, long started) throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (Map.Entry<String, String> tool : toolListOf(s.agent()).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"name\":").append(jsonString(tool.getKey())).append(",\"description\":")
                    .append(jsonString(tool.getValue())).append('}');
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        s.send(new Frame(Header.type("tool.list.result").put("id", frame.header().id()).build(), body));
        record(s.agent(), "tool.list", "", "", frame.body(), Verdict.deliver(body, ""), started, 0, 0);
    }

    /**
     * What an agent may call: each scope entry, with a tool server's functions expanded (a scope of {@code mailer}
     * lists {@code mailer/send_email}, ...) and filtered (a scope of {@code mailer/send_email} lists only that).
     */
    private Map<String, String> toolListOf(String agent) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : pipeline.toolsOf(agent)) {
            ToolSpec spec = pipeline.toolInScope(agent, name).orElseThrow();
            Map<String, String> functions = spec.type() == dev.airlock.core.topology.ToolType.MCP
                    ? options.tools().describe(spec) : Map.of();
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

    private void onToolCall(Session s, Frame frame, long started) throws IOException {
        String name = frame.header().string("tool");
        Verdict v = resolveAsk(s.agent(), name, "tool.call",
                pipeline.toolCall(s.agent(), name, frame.body()));
        if (!v.passes()) {
            finish(s, frame, started, name, "", v, 0, 0);
            return;
        }
        ToolSpec spec = pipeline.toolInScope(s.agent(), name).orElseThrow();
        long toolStart = System.nanoTime();
        byte[] result;
        try {
            result = options.tools().call(new ToolHandler.ToolCall(s.agent(), spec, name, v.body(), s.claims(),
                    s.token()));
        } catch (ToolHandler.Refused e) {
            // The gate's policy let the call through; the tool refused it. The capture keeps the gate's own
            // verdict so that a replay under another policy compares policies, not tools' behaviour.
            Verdict refused = Verdict.block(e.rule(), e.getMessage(), "");
            capture(s.agent(), "tool.call", name, "", frame.body(), v);
            s.send(block(frame.header().id(), refused));
            emit(decision(s.agent(), "tool.call", name, "", refused.pipe(), refused.action(), refused.rule(),
                    refused.reason(), refused.findingRules(), frame.body().length, 0, started, 0,
                    System.nanoTime() - toolStart));
            return;
        } catch (Exception e) {
            long toolNanos = System.nanoTime() - toolStart;
            String reason = e instanceof ToolHandler.ToolUnavailable ? e.getMessage() : "tool " + name + " failed";
            LOG.warn("tool {} failed for {}: {}", name, s.agent(), e.toString());
            finish(s, frame, started, name, "", Verdict.error("tool_failed", reason), 0, toolNanos);
            return;
        }
        long toolNanos = System.nanoTime() - toolStart;
        capture(s.agent(), "tool.call", name, "", frame.body(), v);
        Verdict out = pipeline.toolResult(s.agent(), name, result);
        capture(s.agent(), "tool.result", name, "", result, out);
        noticeIfMasked(s, frame.header().id(), v, "request");
        if (out.passes()) {
            noticeIfMasked(s, frame.header().id(), out, "result");
            s.send(new Frame(Header.type("tool.result").put("id", frame.header().id()).put("tool", name).build(),
                    out.body()));
        } else {
            s.send(block(frame.header().id(), out));
        }
        emit(decision(s.agent(), "tool.call", name, "", "", out.passes() && !v.action().equals(Verdict.DELIVER)
                        ? v.action() : out.action(), firstRule(v, out), out.passes() ? v.reason() : out.reason(),
                merge(v, out), frame.body().length, out.passes() ? out.body().length : 0, started, 0, toolNanos));
    }

    private void onModel(Session s, Frame frame, long started) throws IOException {
        String name = frame.header().string("model");
        Verdict v = pipeline.modelRequest(s.agent(), name, frame.body());
        if (!v.passes()) {
            finish(s, frame, started, name, "", v, 0, 0);
            return;
        }
        ModelSpec spec = pipeline.modelInScope(s.agent(), name).orElseThrow();
        long modelStart = System.nanoTime();
        byte[] result;
        try {
            String credential = spec.credential() == null ? null : options.credentials().resolve(spec.credential());
            result = options.models().complete(new ModelBackend.ModelRequest(s.agent(), spec, v.body(), s.claims(),
                    credential));
        } catch (Exception e) {
            long modelNanos = System.nanoTime() - modelStart;
            String reason = e instanceof ToolHandler.ToolUnavailable ? e.getMessage() : "model " + name + " failed";
            LOG.warn("model {} failed for {}: {}", name, s.agent(), e.toString());
            finish(s, frame, started, name, "", Verdict.error("model_failed", reason), modelNanos, 0);
            return;
        }
        long modelNanos = System.nanoTime() - modelStart;
        capture(s.agent(), "model.complete", name, "", frame.body(), v);
        Verdict out = pipeline.modelResult(s.agent(), name, result);
        capture(s.agent(), "model.result", name, "", result, out);
        noticeIfMasked(s, frame.header().id(), v, "request");
        if (out.passes()) {
            noticeIfMasked(s, frame.header().id(), out, "result");
            s.send(new Frame(Header.type("model.result").put("id", frame.header().id()).put("model", name).build(),
                    out.body()));
        } else {
            s.send(block(frame.header().id(), out));
        }
        emit(decision(s.agent(), "model.complete", name, "", "", out.passes() && !v.action().equals(Verdict.DELIVER)
                        ? v.action() : out.action(), firstRule(v, out), out.passes() ? v.reason() : out.reason(),
                merge(v, out), frame.body().length, out.passes() ? out.body().length : 0, started, modelNanos, 0));
    }

    private static String firstRule(Verdict request, Verdict result) {
        return !result.passes() || request.rule().isEmpty() ? result.rule() : request.rule();
    }

    private static List<String> merge(Verdict a, Verdict b) {
        List<String> all = new ArrayList<>(a.findingRules());
        b.findingRules().stream().filter(r -> !all.contains(r)).forEach(all::add);
        return all;
    }

    /** Answers a refused or finished frame: a block or error frame for anything not delivered, then records it. */
    private void finish(Session s, Frame frame, long started, String target, String kind, Verdict v,
                        long modelNanos, long toolNanos) throws IOException {
        if (v.action().equals(Verdict.ERROR)) {
            s.send(Session.error(v.rule(), v.reason(), frame.header().id()));
        } else if (!v.passes()) {
            s.send(block(frame.header().id(), v));
        } else {
            noticeIfMasked(s, frame.header().id(), v, "message");
        }
        record(s.agent(), frame.type(), target, kind, frame.body(), v, started, modelNanos, toolNanos);
    }

    private void refuse(Session s, Frame frame, long started, String action, String rule, String reason,
                        String errorCode) throws IOException {
        Verdict v = action.equals(Verdict.ERROR) ? Verdict.error(errorCode, reason)
                : Verdict.block(rule, reason, "");
        if (action.equals(Verdict.ERROR)) {
            s.send(Session.error(errorCode, reason, frame.header().id()));
        } else {
            s.send(block(frame.header().id(), v));
        }
        emit(decision(s.agent(), frame.type(), frame.header().string("to"), frame.header().string("kind"), "",
                action, rule, reason, List.of(), frame.body().length, 0, started, 0, 0));
    }

    /**
     * Tells the sender that what it sent (or what it is about to receive) went through masked, and by which rule: a
     * notice with a type of its own, so clients waiting on {@code ref} for a result are not mistaken into a refusal.
     */
    private static void noticeIfMasked(Session s, Object ref, Verdict v, String what) throws IOException {
        if (v.action().equals(Verdict.MASK)) {
            s.send(Frame.of(Header.type("masked").put("ref", ref instanceof List<?> ? ref.toString() : ref)
                    .put("rule", v.rule()).put("reason", what + " " + v.reason()).build()));
        }
    }

    private static Frame block(Object ref, Verdict v) {
        return Frame.of(Header.type("block").put("ref", ref instanceof List<?> ? ref.toString() : ref)
                .put("rule", v.rule()).put("reason", v.reason()).build());
    }

    private void record(String agent, String frameType, String target, String kind, byte[] body, Verdict v,
                        long started, long modelNanos, long toolNanos) {
        capture(agent, frameType, target, kind, body, v);
        emit(decision(agent, frameType, target, kind, v.pipe(), v.action(), v.rule(), v.reason(), v.findingRules(),
                body.length, v.passes() ? v.body().length : 0, started, modelNanos, toolNanos));
    }

    private void capture(String agent, String frameType, String target, String kind, byte[] body, Verdict v) {
        if (capture != null) {
            capture.write(agent, frameType, target, kind, body, v.action(), v.rule());
        }
    }

    private GateDecision decision(String agent, String frame, String target, String kind, String pipe,
                                  String action, String rule, String reason, List<String> findings,
                                  int in, int out, long started, long modelNanos, long toolNanos) {
        long now = System.nanoTime();
        long gateNanos = Math.max(0, now - started - modelNanos - toolNanos);
        return new GateDecision(now, System.currentTimeMillis(), agent, FRAME_TYPES.contains(frame) ? frame : "?",
                pipeline.recordable(target), pipeline.recordable(kind), pipe, action, rule, reason, findings, in, out,
                gateNanos, modelNanos, toolNanos);
    }

    private static final java.util.Set<String> FRAME_TYPES = java.util.Set.of("hello", "send", "tool.list",
            "tool.call", "model.complete", "ping", "pong", "log", "bye");

    private void emit(dev.airlock.core.event.AirlockEvent event) {
        if (event instanceof GateDecision d && audit != null) {
            audit.write(d);
        }
        stream.publish(event);
        try {
            options.events().publish(event);
        } catch (RuntimeException e) {
            LOG.warn("event sink failed: {}", e.toString());
        }
    }

    void sessionClosed(Session s, String reason) {
        live.remove(s.agent(), s);
        sessions.remove(s);
        emit(new GateConnection(System.nanoTime(), System.currentTimeMillis(), s.agent(), s.link().transport(),
                false, reason));
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Closeable l : listeners) {
            try {
                l.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Session s : sessions) {
            s.close("gate closed");
        }
        scheduler.shutdownNow();
        pipeline.guardrails().close();
        try {
            if (audit != null) {
                audit.close();
            }
            if (capture != null) {
                capture.close();
            }
        } catch (IOException e) {
            LOG.warn("closing audit/capture failed: {}", e.toString());
        }
        for (Path p : socketPaths()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stale socket file is harmless: the next bind deletes it
            }
        }
    }

    private List<Path> socketPaths() {
        List<Path> paths = new ArrayList<>();
        for (Closeable l : listeners) {
            if (l instanceof ServerSocketChannel ch) {
                try {
                    if (ch.getLocalAddress() instanceof java.net.UnixDomainSocketAddress a) {
                        paths.add(a.getPath());
                    }
                } catch (IOException ignored) {
                    // already closed: nothing to clean
                }
            }
        }
        return paths;
    }
}
