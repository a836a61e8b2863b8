package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hostile agent cannot starve the others (issue 12 §4). Each attack runs against a live gate over real Unix
 * sockets while a well-behaved pair, {@code ping} and {@code pong}, keeps exchanging messages; the pair's round trips
 * must all complete, with a 99th percentile under {@link #P99_BOUND} (a generous behavioural bound: a round trip takes
 * well under a millisecond on an idle gate, and the old gate left it waiting for seconds), and every refusal the
 * attack caused must be a recorded decision.
 */
class GateStarvationTest {

    /** Small, so the bounds are reached in a few frames. */
    private static final long MAX_BUFFERED = 1L << 20;
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration P99_BOUND = Duration.ofSeconds(1);
    /** Round trips measured while an attack goes on. */
    private static final int MIN_ROUNDS = 50;
    /** A round trip that takes this long counts as lost; the pair then stops measuring. */
    private static final long LOST_MILLIS = 5_000;

    private static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: starvation}
            user: {id: alice}
            defaults:
              rate: {perSecond: 100000, burst: 100000}
            agents:
              - {id: ping, image: test}
              - {id: pong, image: test}
              - {id: sink, image: test}
              - {id: flood, image: test}
              - {id: away, image: test}
              - {id: late, image: test}
            pipes:
              - {from: ping, to: pong, direction: both, kinds: [ask, answer], guardrails: []}
              - {from: ping, to: sink, kinds: [note], guardrails: []}
              - {from: flood, to: sink, kinds: [junk], guardrails: []}
              - {from: flood, to: away, kinds: [junk], guardrails: []}
            """;

    @TempDir
    Path dir;

    Gate gate;
    final Queue<GateDecision> decisions = new ConcurrentLinkedQueue<>();
    PingPong pair;

    @BeforeEach
    void start() throws Exception {
        gate = Gate.start(Fixtures.parse(TOPOLOGY), GateOptions.builder()
                .events(e -> {
                    if (e instanceof GateDecision d) {
                        decisions.add(d);
                    }
                })
                .maxBufferedBytes(MAX_BUFFERED).helloTimeout(HELLO_TIMEOUT).build());
        pair = new PingPong(AgentClient.ready(listen("ping")), AgentClient.ready(listen("pong")));
    }

    @AfterEach
    void stop() throws IOException {
        pair.close();
        gate.close();
    }

    @Test
    void aReceiverThatStopsReadingStallsNoSender() throws Exception {
        Path sinkSocket = listen("sink");
        try (SocketChannel sink = silentHello(sinkSocket); AgentClient flood = AgentClient.ready(listen("flood"))) {
            awaitDecision("sink", "hello");
            pair.start();
            MaxSampler buffered = MaxSampler.start(() -> gate.bufferedBytes("sink"));
            Flooder flooder = Flooder.start(flood, "sink", 256 << 10);
            pair.awaitRounds(MIN_ROUNDS);
            assertPairKeptUp("receiver not reading", pair.stop());
            // The socket buffers between gate and sink hold a fraction of 64 such messages.
            assertThat(flooder.stop()).as("messages the flooding sender got through the gate").isGreaterThan(64);
            long asked = System.nanoTime();
            List<Frame> answers = pingAndCollect(flood);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("the flooding sender's ping answered")
                    .isLessThan(Duration.ofSeconds(2));
            buffered.stop();

            System.out.printf("receiver not reading: %d refusals, at most %d bytes held for sink%n",
                    refusals("backpressure.receiver").size(), buffered.max());
            assertThat(buffered.max()).as("bytes the gate held for sink").isLessThanOrEqualTo(MAX_BUFFERED)
                    .isGreaterThan(MAX_BUFFERED / 2);
            List<GateDecision> refused = refusals("backpressure.receiver");
            assertThat(refused).isNotEmpty().allSatisfy(d -> {
                assertThat(d.action()).isEqualTo(GateAction.BLOCK);
                assertThat(d.target()).isEqualTo("sink");
            });
            // Every block the senders were sent is on the record, and nothing more.
            long floodBlocks = blocks(answers, "backpressure.receiver");
            assertThat(refused.stream().filter(d -> d.agent().equals("flood")).count()).isEqualTo(floodBlocks)
                    .isGreaterThan(0);
            assertThat(refused.stream().filter(d -> d.agent().equals("ping")).count()).isEqualTo(pair.blocked());
        }
    }

    @Test
    void connectionsThatNeverSayHelloCannotLockAnAgentOut() throws Exception {
        Path late = listen("late");
        pair.start();
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < Gate.MAX_CONNECTIONS_PER_AGENT; i++) {
                idle.add(connect(late));
            }
            try (AgentClient agent = AgentClient.ready(late)) {
                // Two more idle ones beside the live agent: each makes the oldest idle one leave.
                idle.add(connect(late));
                idle.add(connect(late));
                for (SocketChannel c : idle) {
                    assertThat(closedByGate(c, HELLO_TIMEOUT.toMillis() + 5_000)).as("an idle connection").isTrue();
                }
                agent.send(Frame.of(Header.type("ping").put("id", 7L).build()));
                assertThat(agent.next("pong")).as("the real agent is still served").isNotNull();
            }
            pair.awaitRounds(MIN_ROUNDS);
            assertPairKeptUp("idle connections", pair.stop());
            List<GateDecision> evicted = refusals("connection.evicted");
            List<GateDecision> timedOut = refusals("hello.timeout");
            assertThat(evicted).isNotEmpty();
            assertThat(evicted.size() + timedOut.size()).as("one recorded refusal per idle connection")
                    .isEqualTo(idle.size());
            assertThat(refusals("connection.cap")).isEmpty();
            assertThat(evicted).allSatisfy(d -> {
                assertThat(d.agent()).isEqualTo("late");
                assertThat(d.action()).isEqualTo(GateAction.BLOCK);
            });
            assertThat(timedOut).allSatisfy(d -> assertThat(d.agent()).isEqualTo("late"));
        } finally {
            for (SocketChannel c : idle) {
                c.close();
            }
        }
    }

    @Test
    void anAgentThatIsNotConnectedCostsTheGateABoundedBacklog() throws Exception {
        Path away = listen("away");
        try (AgentClient flood = AgentClient.ready(listen("flood"))) {
            pair.start();
            MaxSampler buffered = MaxSampler.start(() -> gate.bufferedBytes("away"));
            Flooder flooder = Flooder.start(flood, "away", 1_000_000);
            pair.awaitRounds(MIN_ROUNDS);
            assertPairKeptUp("receiver not connected", pair.stop());
            long sent = flooder.stop();
            List<Frame> answers = pingAndCollect(flood);
            buffered.stop();

            System.out.printf("receiver not connected: %d messages of 1 MB sent, %d refusals, at most %d bytes held"
                    + " for away%n", sent, refusals("backpressure.offline").size(), buffered.max());
            assertThat(buffered.max()).as("bytes the gate held for away").isLessThanOrEqualTo(MAX_BUFFERED)
                    .isPositive();
            assertThat(gate.bufferedBytes("away")).isLessThanOrEqualTo(MAX_BUFFERED);
            List<GateDecision> refused = refusals("backpressure.offline");
            assertThat(refused).allSatisfy(d -> {
                assertThat(d.agent()).isEqualTo("flood");
                assertThat(d.target()).isEqualTo("away");
                assertThat(d.action()).isEqualTo(GateAction.BLOCK);
            });
            assertThat((long) refused.size()).isEqualTo(blocks(answers, "backpressure.offline"));
            long kept = sent - refused.size();
            assertThat(kept).as("messages that fit the backlog").isPositive().isLessThan(sent);

            // What was kept is delivered, in order, when the agent comes.
            try (AgentClient late = AgentClient.ready(away)) {
                for (long id = 0; id < kept; id++) {
                    Frame f = late.next("deliver");
                    assertThat(f).isNotNull();
                    assertThat(f.header().id()).isEqualTo(id);
                }
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Path listen(String agent) throws IOException {
        return gate.listenUnix(agent, dir.resolve(agent), AgentIdentity.ownerOf(dir));
    }

    private static void assertPairKeptUp(String attack, List<Long> rtts) {
        long[] sorted = rtts.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(sorted).as("round trips of the well-behaved pair").isNotEmpty();
        long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
        System.out.printf("%s: %d round trips of the pair, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", attack,
                sorted.length, sorted[sorted.length / 2] / 1e6, p99 / 1e6, sorted[sorted.length - 1] / 1e6);
        assertThat(sorted[sorted.length - 1]).as("the slowest round trip (ns); %d ms counts as lost", LOST_MILLIS)
                .isLessThan(LOST_MILLIS * 1_000_000);
        assertThat(sorted.length).as("round trips of the well-behaved pair").isGreaterThanOrEqualTo(MIN_ROUNDS);
        assertThat(Duration.ofNanos(p99)).as("p99 round trip of the pair").isLessThan(P99_BOUND);
    }

    private List<GateDecision> refusals(String rule) {
        return decisions.stream().filter(d -> d.rule().equals(rule)).toList();
    }

    private void awaitDecision(String agent, String frame) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (decisions.stream().noneMatch(d -> d.agent().equals(agent) && d.frame().equals(frame))) {
            assertThat(System.currentTimeMillis()).as("a %s decision for %s", frame, agent).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * Pings the gate and returns every frame the agent got up to the pong. The gate answers in order, so the answers
     * to everything the agent sent before are among them.
     */
    private static List<Frame> pingAndCollect(AgentClient agent) throws IOException, InterruptedException {
        agent.send(Frame.of(Header.type("ping").put("id", 999L).build()));
        List<Frame> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + LOST_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Frame f = agent.next(Math.max(1, deadline - System.currentTimeMillis()));
            if (f == null) {
                break;
            }
            got.add(f);
            if (f.type().equals("pong")) {
                return got;
            }
        }
        throw new AssertionError("no pong within " + LOST_MILLIS + " ms; got " + got.size() + " frames");
    }

    private static long blocks(List<Frame> frames, String rule) {
        return frames.stream().filter(f -> f.type().equals("block") && rule.equals(f.header().string("rule")))
                .count();
    }

    /** Sends messages of one size, ids 0 up, as fast as the gate takes them, until stopped. */
    private static final class Flooder {
        private final AtomicLong sent = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static Flooder start(AgentClient from, String to, int size) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            Flooder f = new Flooder();
            f.thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (f.running) {
                        from.send(new Frame(Header.type("send").put("to", to).put("kind", "junk")
                                .put("id", f.sent.get()).build(), body));
                        f.sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the test is over
                }
            });
            return f;
        }

        /** Stops; fails if the sender is stuck in a write the gate does not take. Returns how many were sent. */
        long stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
            assertThat(thread.isAlive()).as("the flooding sender was held up by the gate").isFalse();
            return sent.get();
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    /** An agent that says hello and then never reads a byte. */
    private static SocketChannel silentHello(Path socket) throws IOException {
        SocketChannel ch = connect(socket);
        ByteBuffer hello = ByteBuffer.wrap(FrameCodec.encode(Frame.of(Header.type("hello").put("v", 1L).build())));
        while (hello.hasRemaining()) {
            ch.write(hello);
        }
        return ch;
    }

    /** Whether the gate closed a connection that sent nothing, within {@code millis}. */
    private static boolean closedByGate(SocketChannel ch, long millis) throws IOException, InterruptedException {
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                ch.read(ByteBuffer.allocate(1));
            } catch (IOException ignored) {
                // closed either way
            }
        });
        reader.join(millis);
        return !reader.isAlive();
    }

    /** Samples a value every millisecond and keeps the largest. */
    private static final class MaxSampler {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static MaxSampler start(java.util.function.LongSupplier value) {
            MaxSampler s = new MaxSampler();
            s.thread = Thread.ofPlatform().daemon().start(() -> {
                while (s.running) {
                    s.max.accumulateAndGet(value.getAsLong(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return s;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long max() {
            return max.get();
        }
    }

    /**
     * The well-behaved pair: {@code ping} asks, {@code pong} answers, one question in flight, every 10 ms. Each
     * round {@code ping} also leaves a note for {@code sink}, so a sink that stops reading is a receiver ping shares
     * with the attacker.
     */
    private static final class PingPong implements AutoCloseable {
        private final AgentClient ping;
        private final AgentClient pong;
        private final List<Long> rtts = new ArrayList<>();
        private volatile boolean running;
        private volatile long blocked;
        private Thread asker;
        private Thread answerer;

        PingPong(AgentClient ping, AgentClient pong) {
            this.ping = ping;
            this.pong = pong;
        }

        void start() {
            running = true;
            answerer = Thread.ofPlatform().daemon().start(this::answer);
            asker = Thread.ofPlatform().daemon().start(this::ask);
        }

        private void answer() {
            try {
                while (running) {
                    Frame f = pong.next(100);
                    if (f != null && f.type().equals("deliver")) {
                        pong.send(Frame.of(Header.type("send").put("to", "ping").put("kind", "answer")
                                .put("id", f.header().id()).build(), "pong"));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }

        private void ask() {
            try {
                for (long id = 0; running; id++) {
                    long sent = System.nanoTime();
                    ping.send(Frame.of(Header.type("send").put("to", "sink").put("kind", "note").put("id", -id)
                            .build(), "note"));
                    ping.send(Frame.of(Header.type("send").put("to", "pong").put("kind", "ask").put("id", id)
                            .build(), "ping"));
                    long rtt = awaitAnswer(id, sent);
                    synchronized (rtts) {
                        rtts.add(rtt);
                    }
                    if (rtt >= LOST_MILLIS * 1_000_000) {
                        return;
                    }
                    Thread.sleep(10);
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }

        private long awaitAnswer(long id, long sent) throws InterruptedException {
            long deadline = sent + LOST_MILLIS * 1_000_000;
            while (System.nanoTime() < deadline) {
                Frame f = ping.next(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (f == null) {
                    break;
                }
                if (f.type().equals("block")) {
                    blocked++;
                } else if (f.type().equals("deliver") && Long.valueOf(id).equals(f.header().id())) {
                    return System.nanoTime() - sent;
                }
            }
            return LOST_MILLIS * 1_000_000;
        }

        /** Waits until {@code n} round trips were measured, or one was lost. */
        void awaitRounds(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 30_000;
            while (asker.isAlive() && System.currentTimeMillis() < deadline) {
                synchronized (rtts) {
                    if (rtts.size() >= n) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }

        long blocked() {
            return blocked;
        }

        /** Stops and returns the round trips measured, in nanoseconds. */
        List<Long> stop() throws InterruptedException {
            running = false;
            asker.join(LOST_MILLIS + 1_000);
            answerer.join(1_000);
            // Blocks for notes still on their way when the pair stopped.
            Thread.sleep(200);
            ping.drain().forEach(f -> {
                if (f.type().equals("block")) {
                    blocked++;
                }
            });
            synchronized (rtts) {
                return List.copyOf(rtts);
            }
        }

        @Override
        public void close() throws IOException {
            running = false;
            ping.close();
            pong.close();
        }
    }
}
