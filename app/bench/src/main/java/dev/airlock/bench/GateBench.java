package dev.airlock.bench;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateOptions;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Measures, in one run and over the same transport (Unix domain sockets, sender and receiver in this process),
 * three relays from agent A to agent B: {@code raw} forwards length-prefixed bytes without parsing or policy;
 * {@code policy} is the real gate with content guardrails off; {@code full} is the real gate with the default
 * guardrails. Latency is one-way with one message in flight; throughput is pipelined, with at most
 * {@link #WINDOW_BYTES} in flight.
 */
public final class GateBench {

    public static final List<Integer> SIZES = List.of(256, 4096, 65536);
    public static final List<String> RELAYS = List.of("raw", "policy", "full");

    private static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: gate-bench}
            defaults:
              rate: {perSecond: 1000000, burst: 1000000}
            agents:
              - {id: a, image: bench}
              - {id: b, image: bench}
            pipes:
              - {from: a, to: b, kinds: [message], guardrails: GUARDS}
            """;

    /** How many messages to time; the CLI's defaults take some tens of seconds on two cores. */
    public record Config(int latencyMessages, int throughputMessages, int warmupMessages) {
        public static final Config DEFAULT = new Config(3000, 20000, 3000);

        int throughputFor(int size) {
            return size >= 65536 ? Math.max(ROUNDS * 20, throughputMessages / 8) : throughputMessages;
        }
    }

    private final Config config;

    public GateBench(Config config) {
        this.config = config;
    }

    public List<RelayResult> run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("airlock-bench");
        try {
            List<RelayResult> results = new ArrayList<>();
            try (Relay raw = new RawRelay(dir.resolve("raw"));
                 Relay policy = new GateRelay(dir.resolve("policy"), "[]");
                 Relay full = new GateRelay(dir.resolve("full"), "[pii, secrets]")) {
                List<Relay> relays = List.of(raw, policy, full);
                for (Relay r : relays) {
                    // Warm every path's code before any timing so JIT order does not favour one relay.
                    sample(r, 4096, config.warmupMessages(), config.warmupMessages());
                }
                for (int size : SIZES) {
                    // Rounds interleave the relays so drift on a shared machine (other processes, frequency,
                    // cross-core wake-ups) hits all three alike; latencies pool, throughput is the median round, and
                    // throughput ratios pair the relays round by round (RelayResult.throughputVs).
                    List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int k = 0; k < relays.size(); k++) {
                            samples.get(k).add(sample(relays.get(k), size, perRound(config.latencyMessages()),
                                    perRound(config.throughputFor(size))));
                        }
                    }
                    for (int k = 0; k < relays.size(); k++) {
                        results.add(summarize(relays.get(k).name(), size, samples.get(k)));
                    }
                }
            }
            return results;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Bytes a throughput run lets be in flight between sender and receiver. The gate refuses a delivery that does
     * not fit the receiver's queue ({@code GateOptions.maxBufferedBytes}, 4 MiB by default) rather than hold the
     * sender up, so a sender that ran ahead of its receiver unchecked would lose messages and the run would wait for
     * them forever; a quarter of that queue keeps the pipeline full without ever reaching it.
     */
    static final int WINDOW_BYTES = 1 << 20;

    /** Enough rounds that the median of per-round ratios shrugs off a busy moment of a shared machine. */
    static final int ROUNDS = 11;

    private static int perRound(int messages) {
        return Math.max(1, messages / ROUNDS);
    }

    private record Sample(long[] latencies, double msgsPerSecond) {
    }

    private static RelayResult summarize(String relay, int size, List<Sample> samples) {
        long[] all = samples.stream().flatMapToLong(s -> Arrays.stream(s.latencies())).sorted().toArray();
        List<Double> rounds = samples.stream().map(Sample::msgsPerSecond).toList();
        double[] rates = rounds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new RelayResult(relay, size, all[all.length / 2] / 1000.0,
                all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1000.0,
                rates[rates.length / 2], rounds);
    }

    private static Sample sample(Relay relay, int size, int latencyMessages, int throughputMessages)
            throws IOException, InterruptedException {
        byte[] body = payload(size);
        byte[] frame = FrameCodec.encode(new Frame(Header.type("send").put("to", "b").put("kind", "message")
                .put("id", 1L).build(), body));
        long[] lat = new long[latencyMessages];
        Semaphore arrived = new Semaphore(0);
        long[] sentAt = new long[1];
        Receiver receiver = relay.receiver();
        receiver.onMessage = () -> {
            lat[receiver.count - 1] = System.nanoTime() - sentAt[0];
            arrived.release();
        };
        receiver.count = 0;
        for (int i = 0; i < latencyMessages; i++) {
            sentAt[0] = System.nanoTime();
            relay.sender().write(frame);
            arrived.acquire();
        }
        Semaphore done = new Semaphore(0);
        Semaphore window = new Semaphore(Math.max(1, WINDOW_BYTES / frame.length));
        receiver.count = 0;
        receiver.onMessage = () -> {
            window.release();
            if (receiver.count == throughputMessages) {
                done.release();
            }
        };
        long start = System.nanoTime();
        for (int i = 0; i < throughputMessages; i++) {
            window.acquire();
            relay.sender().write(frame);
        }
        done.acquire();
        long elapsed = System.nanoTime() - start;
        return new Sample(lat, throughputMessages / (elapsed / 1e9));
    }

    /** Plain prose with numbers, the kind of text agents exchange: guardrails read it all and find nothing. */
    static byte[] payload(int size) {
        String[] words = {"the", "planner", "asked", "for", "sources", "on", "token", "buckets", "and", "found",
                "version", "2.14.3", "released", "2024-05-17", "with", "12", "fixes", "in", "section", "4.2"};
        StringBuilder b = new StringBuilder(size + 16);
        int i = 0;
        while (b.length() < size) {
            b.append(words[i++ % words.length]).append(i % 17 == 0 ? ". " : " ");
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** The receiving agent: reads frames on its own thread and reports each arrival. */
    static final class Receiver {
        volatile Runnable onMessage = () -> { };
        volatile int count;

        /**
         * Counts whole frames without parsing them, the same way for every relay, so the receiving end costs the
         * same in each measurement (only deliver frames reach the receiver during a run).
         */
        void start(InputStream in) {
            Thread.ofPlatform().daemon().name("bench-receiver").start(() -> {
                DataInputStream data = new DataInputStream(in);
                try {
                    while (true) {
                        int len = data.readInt();
                        data.skipNBytes(len);
                        count++;
                        onMessage.run();
                    }
                } catch (IOException e) {
                    // the relay closed
                }
            });
        }
    }

    interface Relay extends AutoCloseable {
        String name();

        SocketEnd sender();

        Receiver receiver();

        @Override
        void close() throws IOException;
    }

    /** Bytes forwarded frame by frame: read the length prefix, copy that many bytes, no parsing, no policy. */
    static final class RawRelay implements Relay {
        private final ServerSocketChannel inServer;
        private final ServerSocketChannel outServer;
        private final SocketEnd sender;
        private final SocketChannel receiverChannel;
        private final Receiver receiver = new Receiver();

        RawRelay(Path dir) throws IOException {
            Files.createDirectories(dir);
            inServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            inServer.bind(UnixDomainSocketAddress.of(dir.resolve("in.sock")));
            outServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            outServer.bind(UnixDomainSocketAddress.of(dir.resolve("out.sock")));
            sender = new SocketEnd(SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("in.sock"))));
            receiverChannel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("out.sock")));
            SocketEnd from = new SocketEnd(inServer.accept());
            SocketEnd to = new SocketEnd(outServer.accept());
            Thread.ofPlatform().daemon().name("raw-relay").start(() -> {
                DataInputStream in = new DataInputStream(from.in());
                try {
                    while (true) {
                        int len = in.readInt();
                        byte[] frame = new byte[4 + len];
                        frame[0] = (byte) (len >>> 24);
                        frame[1] = (byte) (len >>> 16);
                        frame[2] = (byte) (len >>> 8);
                        frame[3] = (byte) len;
                        in.readFully(frame, 4, len);
                        to.write(frame);
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            receiver.start(new SocketEnd(receiverChannel).in());
        }

        @Override
        public String name() {
            return "raw";
        }

        @Override
        public SocketEnd sender() {
            return sender;
        }

        @Override
        public Receiver receiver() {
            return receiver;
        }

        @Override
        public void close() throws IOException {
            sender.close();
            receiverChannel.close();
            inServer.close();
            outServer.close();
        }
    }

    /** The real gate between two agents connected to their own sockets, as in a run. */
    static final class GateRelay implements Relay {
        private final String name;
        private final Gate gate;
        private final SocketEnd sender;
        private final SocketEnd receiverLink;
        private final Receiver receiver = new Receiver();

        GateRelay(Path dir, String guards) throws IOException {
            this.name = guards.equals("[]") ? "policy" : "full";
            LoadResult loaded = TopologyReader.parse("bench.yaml",
                    TOPOLOGY.replace("GUARDS", guards).getBytes(StandardCharsets.UTF_8));
            Topology topology = loaded.topology();
            gate = Gate.start(topology, GateOptions.defaults());
            AgentIdentity self = AgentIdentity.ownerOf(dir.getParent());
            Path a = gate.listenUnix("a", dir.resolve("a"), self);
            Path b = gate.listenUnix("b", dir.resolve("b"), self);
            sender = hello(a);
            receiverLink = hello(b);
            receiver.start(receiverLink.in());
        }

        private static SocketEnd hello(Path socket) throws IOException {
            SocketEnd link = new SocketEnd(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
            link.write(FrameCodec.encode(Frame.of(Header.type("hello").put("v", 1L).build())));
            try {
                Frame ready = new FrameCodec(1 << 20).read(link.in());
                if (ready == null || !"ready".equals(ready.type())) {
                    throw new IOException("gate did not answer hello: " + ready);
                }
            } catch (FrameException e) {
                throw new IOException(e.getMessage(), e);
            }
            return link;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SocketEnd sender() {
            return sender;
        }

        @Override
        public Receiver receiver() {
            return receiver;
        }

        @Override
        public void close() throws IOException {
            sender.close();
            receiverLink.close();
            gate.close();
        }
    }

}
