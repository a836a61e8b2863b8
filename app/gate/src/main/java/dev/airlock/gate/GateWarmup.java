package dev.airlock.gate;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Takes a throwaway gate through the paths a run's first messages take: a Unix socket's accept and peer check,
 * hello and token, the pipeline, every guardrail view, masking, a refusal, the user's channel, a model call and a
 * tool call, recording. Class loading and the first
 * JIT compilations are then paid while the run's containers start (hundreds of milliseconds anyway), not on the
 * first messages a user watches. Its gate has no sinks and is closed at the end, so nothing of it is recorded.
 * Best effort: if anything fails, the run's gate is merely cold.
 */
public final class GateWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(GateWarmup.class);
    private static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: warmup}
            defaults:
              rate: {perSecond: 1000000, burst: 1000000}
              guardrails: [pii, secrets]
            models:
              - {id: m, backend: warmup}
            tools:
              - {id: t, type: files, description: Answers with what it was given.}
            agents:
              - {id: a, image: warmup, models: [m], tools: [t]}
              - {id: b, image: warmup}
            pipes:
              - {from: user, to: a, direction: both}
              - {from: a, to: b, direction: both, kinds: [task, findings]}
            """;
    /** Stand-ins for a model and a tool: the gate's call paths run, no plugin's code does. */
    private static final ModelSource MODEL = (spec, secrets) -> request -> ModelResponse.text(request.latestContent());
    private static final ToolSource TOOL = spec -> new Tool() {
        @Override
        public List<ToolDefinition> definitions() {
            return List.of(new ToolDefinition("t", "echo", "{\"type\":\"object\"}"));
        }

        @Override
        public ToolResult call(ToolInvocation invocation) {
            return new ToolResult(invocation.argumentsJson());
        }
    };
    /** What agents send: prose of several sizes, the shapes the guardrails mask or block, and encodings of them. */
    private static final List<String> BODIES = List.of(
            "Summarise the compartment guide for the writer, please.",
            "Findings: ".repeat(40) + "one agent per compartment, no network, read-only root.",
            "Customer Jane Roe, SSN 524-71-9932, card 4111 1111 1111 1111, mail jane.roe@example.test.",
            "token AKIAIOSFODNN7EXAMPLE and key ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            "U1NOIDUyNC03MS05OTMyIGZvciB0aGUgcmVjb3Jk and 524%2D71%2D9932 and ５２４-７１-９９３２",
            "Ｆｕｌｌ ｗｉｄｔｈ and z\u200Be\u200Br\u200Bo width, 5 2 4 7 1 9 9 3 2, j a n e @ e x a m p l e . t e s t");
    static final int ROUNDS = 40;
    private static final String ROUND_END = "end of round";

    private GateWarmup() {
    }

    /** Warms the gate's code on a daemon thread, giving up after {@code budget}; returns the thread. */
    public static Thread startInBackground(Duration budget) {
        return Thread.ofPlatform().daemon().name("gate-warmup").priority(Thread.MIN_PRIORITY)
                .start(() -> run(budget));
    }

    /** Warms synchronously; returns how many rounds of traffic went through (at most {@link #ROUNDS}). */
    public static int run(Duration budget) {
        return run(budget, EventSink.NONE);
    }

    /** As {@link #run(Duration)}, showing {@code observer} the throwaway gate's events. */
    static int run(Duration budget, EventSink observer) {
        long deadline = System.nanoTime() + budget.toNanos();
        Path dir = null;
        Topology topology = TopologyReader.parse("warmup.yaml", TOPOLOGY.getBytes(StandardCharsets.UTF_8))
                .topology();
        try (Gate gate = Gate.start(topology, GateOptions.builder().models(MODEL).tools(TOOL)
                .events(observer).build())) {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "alw");
            AgentIdentity self = AgentIdentity.ownerOf(dir);
            try (Client a = Client.connect(gate.listenUnix("a", dir.resolve("a"), self));
                 Client b = Client.connect(gate.listenUnix("b", dir.resolve("b"), self))) {
                int rounds = 0;
                for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
                    for (String body : BODIES) {
                        a.send("b", "task", body);
                        b.send("a", "findings", body);
                    }
                    String text = BODIES.get(round % BODIES.size());
                    gate.user().send("a", "message", text);
                    a.send("user", "message", text);
                    a.call("model.complete", "model", "m", "{\"messages\":[{\"role\":\"user\",\"content\":"
                            + quoted(text) + "}]}");
                    a.call("tool.call", "tool", "t", "{\"note\":" + quoted(text) + "}");
                    // An undeclared kind: the refusal path.
                    a.send("b", "gossip", BODIES.get(0));
                    // Pipes keep order, so a delivered marker means everything before it was decided.
                    a.send("b", "task", ROUND_END);
                    b.send("a", "findings", ROUND_END);
                    if (!a.awaitRoundEnd(deadline) || !b.awaitRoundEnd(deadline)) {
                        break;
                    }
                    rounds++;
                }
                return rounds;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("gate warm-up stopped early: {}", e.toString());
            return 0;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** One warm-up agent: says hello, then sends; a reader thread reads whatever the gate sends back. */
    private static final class Client implements AutoCloseable {
        private final SocketChannel channel;
        private final Semaphore roundEnds = new Semaphore(0);

        private Client(SocketChannel channel) {
            this.channel = channel;
        }

        static Client connect(Path socket) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            Client c = new Client(ch);
            c.write(Frame.of(Header.type("hello").put("v", 1L).build()));
            InputStream in = Channels.newInputStream(ch);
            Thread.ofPlatform().daemon().name("gate-warmup-reader").start(() -> c.readAll(in));
            return c;
        }

        private void readAll(InputStream in) {
            FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME);
            try {
                for (Frame f = codec.read(in); f != null; f = codec.read(in)) {
                    if ("deliver".equals(f.type()) && ROUND_END.equals(f.bodyText())) {
                        roundEnds.release();
                    }
                }
            } catch (IOException | RuntimeException | FrameException e) {
                // closed at the end of the warm-up
            }
        }

        void send(String to, String kind, String body) throws IOException {
            write(Frame.of(Header.type("send").put("to", to).put("kind", kind).put("id", 1L).build(), body));
        }

        void call(String type, String key, String target, String json) throws IOException {
            write(Frame.of(Header.type(type).put(key, target).put("id", 2L).build(), json));
        }

        /** Waits for the peer's end-of-round marker. */
        boolean awaitRoundEnd(long deadline) {
            try {
                return roundEnds.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private synchronized void write(Frame frame) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(FrameCodec.encode(frame));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.toString());
        }
    }
}
