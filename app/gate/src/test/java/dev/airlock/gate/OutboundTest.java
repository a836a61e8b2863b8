package dev.airlock.gate;

import dev.airlock.gate.transport.ChannelLink;
import dev.airlock.gate.transport.Link;
import dev.airlock.gate.transport.StreamLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Outbound} over a real Unix socket whose reading end the test controls: frames the socket takes at once are
 * written by the thread that hands them over, the rest by the writer thread, and either way they arrive whole and in
 * order while no sender waits for the reader.
 */
class OutboundTest {

    /** Far larger than a Unix socket's buffer (about 200 KiB here), so no frame goes out in one write. */
    private static final int LARGE = 1 << 20;
    private static final AtomicInteger TESTS = new AtomicInteger();
    /** How long a test waits for what must happen; never a measure of speed. */
    private static final long PATIENCE_MILLIS = 30_000;

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    /** The agent's end, blocking; read only when a test says so. */
    private SocketChannel agent;
    private ChannelLink gateEnd;
    private final AtomicInteger writeFailures = new AtomicInteger();
    /** A name of this test's own, since a writer thread outlives a test that does not close its connection. */
    private final String writerName = "outbound-test-writer-" + TESTS.incrementAndGet();

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        agent = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        gateEnd = new ChannelLink(server.accept(), "unix");
    }

    @AfterEach
    void close() throws IOException {
        gateEnd.close();
        agent.close();
        server.close();
    }

    @Test
    void framesTheSocketTakesAtOnceAreWrittenByTheirSenderWithoutAWriterThread() throws Exception {
        Outbound out = outbound(gateEnd, Long.MAX_VALUE);
        for (int seq = 0; seq < 20; seq++) {
            assertThat(out.offer(frame(0, seq, 1024))).isTrue();
        }
        // Nothing is read yet, yet every frame has left the gate: the socket took each one on the sender's thread.
        assertThat(out.bytes()).isZero();
        assertThat(writerThreadStarted()).isFalse();
        assertThat(readFrames(Channels.newInputStream(agent), 1, 20)).isEqualTo(20);
    }

    @Test
    void sendersAreNeverHeldUpByAReceiverThatDoesNotReadAndItsFramesArriveWholeInOrder() throws Exception {
        Outbound out = outbound(gateEnd, Long.MAX_VALUE);
        int senders = 4;
        int perSender = 6;
        List<Thread> threads = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int seq = 0; seq < perSender; seq++) {
                    // Sizes vary so frames end at every offset of the socket's buffer.
                    if (!out.offer(frame(sender, seq, LARGE + sender * 4099 + seq * 17))) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join(PATIENCE_MILLIS);
            assertThat(t.isAlive()).as("a sender held up by a receiver that reads nothing").isFalse();
        }
        assertThat(refused).hasValue(0);
        assertThat(out.bytes()).as("what the socket has not taken yet, all of it queued").isPositive();
        assertThat(writerThreadStarted()).isTrue();

        assertThat(readFrames(Channels.newInputStream(agent), senders, perSender)).isEqualTo(senders * perSender);
        awaitZero(out);
        assertThat(writeFailures).hasValue(0);
    }

    @Test
    void aFullQueueRefusesDeliveriesAndReleasesAnAnswerWaitingForRoomWhenAborted() throws Exception {
        long bound = 4L * LARGE;
        Outbound out = outbound(gateEnd, bound);
        int taken = 0;
        while (out.offer(frame(0, taken, LARGE))) {
            taken++;
            assertThat(out.bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(taken).as("frames taken before the bound was reached").isPositive();

        List<Throwable> answerFailed = new ArrayList<>();
        Thread answer = Thread.ofPlatform().start(() -> {
            try {
                out.put(frame(1, 0, LARGE));
            } catch (IOException e) {
                answerFailed.add(e);
            }
        });
        out.abort();
        answer.join(PATIENCE_MILLIS);
        assertThat(answer.isAlive()).isFalse();
        assertThat(answerFailed).hasSize(1);
        awaitZero(out);
    }

    @Test
    void finishLetsWhatIsQueuedAndHalfWrittenGoOutBeforeClosing() throws Exception {
        Outbound out = outbound(gateEnd, Long.MAX_VALUE);
        for (int seq = 0; seq < 3; seq++) {
            assertThat(out.offer(frame(0, seq, LARGE))).isTrue();
        }
        InputStream in = Channels.newInputStream(agent);
        int[] read = new int[1];
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                read[0] = readFrames(in, 1, 3);
                read[0] += in.read() == -1 ? 0 : 1_000;
            } catch (IOException e) {
                read[0] = -1;
            }
        });
        out.finish(Duration.ofMillis(PATIENCE_MILLIS));
        reader.join(PATIENCE_MILLIS);
        assertThat(read[0]).as("frames read, then the end of the stream").isEqualTo(3);
        assertThat(out.offer(frame(0, 3, 10))).as("a frame after finish").isFalse();
    }

    @Test
    void aFailedWriteIsReportedOnce() throws Exception {
        Outbound out = outbound(gateEnd, Long.MAX_VALUE);
        agent.close();
        for (int seq = 0; seq < 3; seq++) {
            out.offer(frame(0, seq, LARGE));
        }
        // The first write fails on the sender's thread; after it nothing more is written, so nothing more fails.
        assertThat(writeFailures).hasValue(1);
    }

    @Test
    void aStreamTakesNothingAtOnceSoItsWriterThreadWritesEveryFrameInOrder() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        StreamLink stream = new StreamLink(InputStream.nullInputStream(), written, "stream", null);
        Outbound out = outbound(stream, Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int seq = 0; seq < 50; seq++) {
                    out.offer(frame(sender, seq, 100 + seq));
                }
            }));
        }
        for (Thread t : threads) {
            t.join(PATIENCE_MILLIS);
        }
        assertThat(writerThreadStarted()).isTrue();
        out.finish(Duration.ofMillis(PATIENCE_MILLIS));
        assertThat(readFrames(new ByteArrayInputStream(written.toByteArray()), 3, 50)).isEqualTo(150);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Outbound outbound(Link link, long maxBytes) {
        return new Outbound(link, maxBytes, writerName, writeFailures::incrementAndGet);
    }

    /** A frame that says who sent it and its place, with a body derived from both. */
    private static QueuedFrame frame(int sender, int seq, int bodySize) {
        byte[] head = ByteBuffer.allocate(12).putInt(8 + bodySize).putInt(sender).putInt(seq).array();
        byte[] body = new byte[bodySize];
        for (int i = 0; i < bodySize; i++) {
            body[i] = fill(sender, seq, i);
        }
        return new QueuedFrame(head, body);
    }

    private static byte fill(int sender, int seq, int i) {
        return (byte) (sender * 31 + seq * 7 + i);
    }

    /**
     * Reads {@code senders * perSender} frames and checks each is whole and each sender's come in the order sent;
     * returns how many were read.
     */
    private static int readFrames(InputStream in, int senders, int perSender) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int[] next = new int[senders];
        int count = 0;
        for (int k = 0; k < senders * perSender; k++) {
            int len = data.readInt();
            int sender = data.readInt();
            int seq = data.readInt();
            assertThat(sender).isBetween(0, senders - 1);
            assertThat(seq).as("sender %d's next frame", sender).isEqualTo(next[sender]++);
            byte[] body = new byte[len - 8];
            data.readFully(body);
            for (int i = 0; i < body.length; i++) {
                if (body[i] != fill(sender, seq, i)) {
                    throw new AssertionError("frame " + seq + " of sender " + sender + " differs at byte " + i);
                }
            }
            count++;
        }
        return count;
    }

    private boolean writerThreadStarted() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(writerName));
    }

    private static void awaitZero(Outbound out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (out.bytes() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(out.bytes()).isZero();
    }
}
