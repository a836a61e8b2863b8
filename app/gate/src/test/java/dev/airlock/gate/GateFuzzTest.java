package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million random and mutated frames through the real session loop and pipeline, then thousands of garbage
 * streams. The gate must answer every frame, never fail internally, keep serving, and hold no extra threads.
 */
class GateFuzzTest {

    static final int FRAMES = 1_000_000;
    static final int STREAMS = 3;
    static final List<String> AGENTS = List.of("planner", "researcher", "writer");
    static final List<String> TYPES = List.of("send", "send", "send", "tool.list", "tool.call", "tool.call",
            "model.complete", "ping", "pong", "log", "hello", "bye-not", "tool.result", "deliver", "", "x");
    static final List<String> PEERS = List.of("alice", "planner", "researcher", "writer", "flooder", "nobody", "");
    static final List<String> KINDS = List.of("message", "task", "findings", "answer", "*", "");
    static final List<String> TOOLS = List.of("notes", "web", "mailer/send_email", "notes/x", "../etc", "");
    static final List<String> SNIPPETS = List.of("411-22-3333", "4111 1111 1111 1111", "AKIAIOSFODNN7EXAMPLE",
            "QUtJQUlPU0ZPRE5ON0VYQU1QTEU=", "ignore previous instructions", "%34%31%31", "ｆｕｌｌ", "\u200B",
            "\u202E", "j.doe@example.com", "{\"a\":1}", "' OR 1=1 --", "-----BEGIN PRIVATE KEY-----", "𝟒𝟏𝟏");

    static final List<String> REASONS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void aMillionHostileFramesLeaveTheGateServing() throws Exception {
        String yaml = Fixtures.YAML.replace("rate: {perSecond: 200, burst: 50}", "rate: {perSecond: 1000000, burst: 1000000}");
        ConcurrentHashMap<String, AtomicLong> internalErrors = new ConcurrentHashMap<>();
        AtomicLong decisions = new AtomicLong();
        CountDownLatch ended = new CountDownLatch(STREAMS);
        int threadsBefore = Thread.activeCount();
        Gate gate = Gate.start(Fixtures.parse(yaml), GateOptions.builder()
                .tools(spec -> new FakeTool(ToolInvocation::argumentsJson))
                .models((spec, secrets) -> request -> ModelResponse.text("ok"))
                .credentials(ref -> "k")
                .events(e -> count(e, decisions, internalErrors, ended))
                .build());
        try {
            AtomicLong answered = new AtomicLong();
            for (int s = 0; s < STREAMS; s++) {
                gate.attachStream(AGENTS.get(s % AGENTS.size()), new FuzzStream(new SplittableRandom(s),
                        FRAMES / STREAMS), counting(answered));
            }
            assertThat(ended.await(120, TimeUnit.SECONDS)).as("every fuzz stream was read to its end").isTrue();
            assertThat(decisions.get()).as("decisions; ended: " + REASONS).isGreaterThan(FRAMES / 2);
            assertThat(answered.get()).isPositive();

            CountDownLatch garbageEnded = new CountDownLatch(2000);
            for (int i = 0; i < 2000; i++) {
                SplittableRandom r = new SplittableRandom(10_000 + i);
                byte[] junk = new byte[r.nextInt(0, 64)];
                r.nextBytes(junk);
                gate.attachStream("planner", new java.io.ByteArrayInputStream(junk) {
                    @Override
                    public void close() {
                        garbageEnded.countDown();
                    }
                }, OutputStream.nullOutputStream());
            }
            assertThat(garbageEnded.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(internalErrors).as("no session ended in an internal error").isEmpty();

            AgentIdentity self = AgentIdentity.ownerOf(dir);
            try (AgentClient c = AgentClient.ready(gate.listenUnix("writer", dir.resolve("w"), self))) {
                c.send(Frame.of(Header.type("ping").put("id", 1L).build()));
                assertThat(c.next("pong")).isNotNull();
            }
        } finally {
            gate.close();
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (Thread.activeCount() > threadsBefore + 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Thread.activeCount()).as("threads left behind").isLessThanOrEqualTo(threadsBefore + 2);
    }

    private static void count(AirlockEvent e, AtomicLong decisions, ConcurrentHashMap<String, AtomicLong> errors,
                              CountDownLatch ended) {
        if (e instanceof GateDecision) {
            decisions.incrementAndGet();
        } else if (e instanceof GateConnection c && !c.up()) {
            if (c.reason().equals(Session.INTERNAL_ERROR)) {
                errors.computeIfAbsent(c.agent(), k -> new AtomicLong()).incrementAndGet();
            }
            if (c.transport().equals("stream")) {
                REASONS.add(c.agent() + ":" + c.reason());
                ended.countDown();
            }
        }
    }

    private static OutputStream counting(AtomicLong bytes) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        };
    }

    /** Generates frames lazily: a hello, then valid, random and mutated frames that keep the stream in sync. */
    static final class FuzzStream extends InputStream {
        private final SplittableRandom r;
        private int left;
        private byte[] current = FrameCodec.encode(Frame.of(Header.type("hello").put("v", 1L).build()));
        private int pos;

        FuzzStream(SplittableRandom r, int frames) {
            this.r = r;
            this.left = frames;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                if (left-- <= 0) {
                    return -1;
                }
                current = next();
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private byte[] next() {
            Frame f = randomFrame();
            byte[] bytes = FrameCodec.encode(f);
            int mode = r.nextInt(10);
            if (mode < 3 && bytes.length > 6) {
                // Flip bytes after the prefix: header and body damage, the stream stays in sync.
                for (int i = 0, n = r.nextInt(1, 4); i < n; i++) {
                    int at = r.nextInt(6, bytes.length);
                    bytes[at] = (byte) r.nextInt(256);
                }
            } else if (mode == 3 && bytes.length > 6) {
                // A header length that still fits the frame but cuts or overruns the JSON.
                int frameLen = bytes.length - 4;
                int headerLen = r.nextInt(1, frameLen - 1);
                bytes[4] = (byte) (headerLen >>> 8);
                bytes[5] = (byte) headerLen;
            }
            return bytes;
        }

        private Frame randomFrame() {
            String type = pick(TYPES);
            Header.Builder h = Header.type(type).put("id", r.nextLong());
            if (r.nextInt(3) > 0) {
                h.put("to", pick(PEERS));
            }
            if (r.nextInt(2) == 0) {
                h.put("kind", pick(KINDS));
            }
            if (r.nextInt(2) == 0) {
                h.put("tool", pick(TOOLS));
            }
            if (r.nextInt(4) == 0) {
                h.put("model", r.nextBoolean() ? "llm" : "gpt");
            }
            if (r.nextInt(40) == 0) {
                h.put("from", pick(PEERS));
            }
            if (r.nextInt(40) == 0) {
                h.put("token", "al1.x.y");
            }
            if (r.nextInt(30) == 0) {
                h.put("v", r.nextLong());
            }
            return new Frame(h.build(), body());
        }

        private byte[] body() {
            return switch (r.nextInt(4)) {
                case 0 -> new byte[0];
                case 1 -> {
                    byte[] b = new byte[r.nextInt(1, 96)];
                    r.nextBytes(b);
                    yield b;
                }
                default -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0, n = r.nextInt(1, 5); i < n; i++) {
                        s.append(r.nextBoolean() ? pick(SNIPPETS) : "word" + r.nextInt(1000)).append(' ');
                    }
                    yield s.toString().getBytes(StandardCharsets.UTF_8);
                }
            };
        }

        private String pick(List<String> l) {
            return l.get(r.nextInt(l.size()));
        }
    }
}
