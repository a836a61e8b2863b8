package dev.airlock.sdk;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An agent's one connection to the gate (docs/protocol.md). {@link #connect()} says hello and waits for
 * {@code ready}; then the agent sends, receives, lists and calls tools, asks models and logs. The gate decides who
 * the agent is from the connection; this class never claims an identity. Token rotation is handled here;
 * blocks of requests surface as {@link GateException}, blocks of sends as {@link Notice}s.
 */
public final class Agent implements Closeable {

    public static final String GATE_ENV = "AIRLOCK_GATE";
    public static final String DEFAULT_GATE = "/run/airlock/gate.sock";
    /** The file holding the token a TCP hello presents (a Kubernetes projected token, or a gate's launch token). */
    public static final String TOKEN_FILE_ENV = "AIRLOCK_TOKEN_FILE";
    public static final int PROTOCOL_VERSION = 1;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable connection;
    private final int maxFrame;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Consumer<Notice> notices = n -> { };
    private volatile String token;
    private volatile long tokenExpiry;
    private volatile boolean closed;
    private Frame ready;

    private Agent(InputStream in, OutputStream out, Closeable connection, int maxFrame) {
        this.in = in;
        this.out = out;
        this.connection = connection;
        this.maxFrame = maxFrame;
        this.reader = new Thread(this::readLoop, "airlock-agent-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Connects where {@code $AIRLOCK_GATE} says (a socket path, {@code stdio}, or {@code tcp://HOST:PORT} with the
     * token in {@code $AIRLOCK_TOKEN_FILE}), default {@value #DEFAULT_GATE}.
     */
    public static Agent connect() throws IOException {
        String gate = System.getenv(GATE_ENV);
        return connect(gate == null || gate.isBlank() ? DEFAULT_GATE : gate, Duration.ofSeconds(30));
    }

    public static Agent connect(String gate, Duration readyTimeout) throws IOException {
        Agent agent;
        String token = null;
        if (gate.startsWith("tcp://")) {
            // Re-read on every connect: a projected token is rotated in its file while the pod lives.
            token = readToken(System.getenv(TOKEN_FILE_ENV));
            SocketChannel channel = open(tcpAddress(gate), readyTimeout);
            agent = new Agent(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel,
                    FrameCodec.DEFAULT_MAX_FRAME);
        } else if (gate.equals("stdio")) {
            agent = new Agent(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                    () -> { }, FrameCodec.DEFAULT_MAX_FRAME);
        } else {
            SocketChannel channel = open(UnixDomainSocketAddress.of(gate), readyTimeout);
            agent = new Agent(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel,
                    FrameCodec.DEFAULT_MAX_FRAME);
        }
        agent.handshake(readyTimeout, token);
        return agent;
    }

    /**
     * Connects, waiting while the gate is not there yet (its socket not bound, its port closed): when a platform
     * (Compose, Kubernetes) starts the agent and the gate side by side, either may come up first.
     */
    private static SocketChannel open(SocketAddress address, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            try {
                channel.connect(address);
                return channel;
            } catch (SocketException e) {
                // Refused, or (Unix) no such socket yet: the JDK reports both as a SocketException.
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the gate", e);
            }
        }
    }

    private static InetSocketAddress tcpAddress(String gate) throws IOException {
        String hostPort = gate.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IOException(GATE_ENV + "=" + gate + " is not tcp://HOST:PORT");
        }
    }

    private static String readToken(String file) throws IOException {
        if (file == null || file.isBlank()) {
            throw new IOException("a TCP gate needs a token: set " + TOKEN_FILE_ENV);
        }
        return Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
    }

    /** Wraps already-open streams (tests, custom transports) and performs the handshake. */
    public static Agent over(InputStream in, OutputStream out, Duration readyTimeout) throws IOException {
        Agent agent = new Agent(in, out, () -> { }, FrameCodec.DEFAULT_MAX_FRAME);
        agent.handshake(readyTimeout, null);
        return agent;
    }

    private void handshake(Duration timeout, String launchToken) throws IOException {
        Map<String, Object> hello = header("hello", "v", PROTOCOL_VERSION);
        if (launchToken != null) {
            hello.put("token", launchToken);
        }
        write(hello, new byte[0]);
        Frame first = FrameCodec.readFully(in, maxFrame);
        if (!"ready".equals(first.type())) {
            String reason = first.string("reason");
            close();
            throw new GateException(String.valueOf(first.string("code")), "",
                    "expected 'ready', got '" + first.type() + "'" + (reason == null ? "" : ": " + reason));
        }
        ready = first;
        token = first.string("token");
        tokenExpiry = first.number("exp", 0);
        reader.start();
    }

    /** The id the gate knows this agent by. */
    public String id() {
        return ready.string("agent");
    }

    public String user() {
        return ready.string("user");
    }

    public List<String> peers() {
        return ready.strings("peers");
    }

    public List<String> tools() {
        return ready.strings("tools");
    }

    public List<String> models() {
        return ready.strings("models");
    }

    /** The current short-lived token (rotated by the gate before expiry). */
    public String token() {
        return token;
    }

    public long tokenExpiry() {
        return tokenExpiry;
    }

    /** Receives blocks of sends and unsolicited errors. */
    public void onNotice(Consumer<Notice> listener) {
        notices = listener;
    }

    /** Sends a message along a pipe; returns its id (a later {@link Notice} may name it if the gate blocks it). */
    public long send(String to, String kind, byte[] body) throws IOException {
        long id = ids.incrementAndGet();
        Map<String, Object> h = header("send", "to", to);
        h.put("kind", kind);
        h.put("id", id);
        write(h, body);
        return id;
    }

    public long send(String to, String text) throws IOException {
        return send(to, "message", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next delivery, or null after {@code timeout}; throws once the gate has closed the pipe. */
    public Delivery receive(Duration timeout) throws IOException {
        try {
            Object next = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (next instanceof IOException e) {
                inbox.add(e);
                throw new IOException(e.getMessage(), e);
            }
            return (Delivery) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The tools in this agent's scope, as the gate's JSON array of {@code {name, description}}. */
    public String listTools(Duration timeout) throws IOException {
        return request(header("tool.list"), new byte[0], timeout).bodyText();
    }

    public String callTool(String tool, String jsonArguments, Duration timeout) throws IOException {
        return request(header("tool.call", "tool", tool), jsonArguments.getBytes(StandardCharsets.UTF_8), timeout)
                .bodyText();
    }

    /** Asks a model; {@code jsonRequest} is {@code {"messages": [...]}}; returns the gate's JSON result. */
    public String ask(String model, String jsonRequest, Duration timeout) throws IOException {
        return request(header("model.complete", "model", model), jsonRequest.getBytes(StandardCharsets.UTF_8),
                timeout).bodyText();
    }

    public void log(String level, String text) throws IOException {
        write(header("log", "level", level), text.getBytes(StandardCharsets.UTF_8));
    }

    private Frame request(Map<String, Object> h, byte[] body, Duration timeout) throws IOException {
        long id = ids.incrementAndGet();
        h.put("id", id);
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            write(h, body);
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from the gate within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    private void readLoop() {
        try {
            while (!closed) {
                Frame f = FrameCodec.read(in, maxFrame);
                if (f == null || "bye".equals(f.type())) {
                    break;
                }
                dispatch(f);
            }
            fail(new IOException("the gate closed the pipe"));
        } catch (IOException e) {
            fail(e);
        }
    }

    private void dispatch(Frame f) throws IOException {
        switch (f.type()) {
            case "deliver" -> inbox.add(new Delivery(f.string("from"), f.string("kind"), f.number("id", 0),
                    f.body()));
            case "token" -> {
                token = f.string("token");
                tokenExpiry = f.number("exp", tokenExpiry);
            }
            case "ping" -> write(header("pong", "id", f.number("id", 0)), new byte[0]);
            case "block", "error" -> {
                long ref = f.number("ref", -1);
                String rule = f.type().equals("block") ? String.valueOf(f.string("rule")) : "";
                String code = f.type().equals("block") ? "blocked" : String.valueOf(f.string("code"));
                String reason = String.valueOf(f.string("reason"));
                CompletableFuture<Frame> waiting = pending.get(ref);
                if (waiting != null) {
                    waiting.completeExceptionally(new GateException(code, rule, reason));
                } else {
                    notices.accept(new Notice(f.type(), ref, rule, code, reason));
                }
            }
            default -> {
                CompletableFuture<Frame> waiting = pending.get(f.number("id", -1));
                if (waiting != null) {
                    waiting.complete(f);
                }
            }
        }
    }

    private void fail(IOException e) {
        inbox.add(e);
        pending.values().forEach(p -> p.completeExceptionally(e));
    }

    private static Map<String, Object> header(String type, Object... keyValues) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("t", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            h.put((String) keyValues[i], keyValues[i + 1]);
        }
        return h;
    }

    private void write(Map<String, Object> h, byte[] body) throws IOException {
        byte[] bytes = FrameCodec.encode(new Frame(h, body));
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Says bye and closes the connection; the reader thread ends with it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            write(header("bye"), new byte[0]);
        } catch (IOException ignored) {
            // The gate may have gone already; closing is what matters.
        }
        connection.close();
        if (reader.isAlive()) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
