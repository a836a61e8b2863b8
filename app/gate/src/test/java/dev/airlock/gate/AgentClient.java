package dev.airlock.gate;

import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;

import dev.airlock.gate.transport.ChannelLink;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hostile-or-honest agent for tests: speaks raw frames to a real gate socket and collects what comes back. */
final class AgentClient implements AutoCloseable {

    private final SocketChannel channel;
    private final ChannelLink link;
    private final BlockingQueue<Frame> inbox = new ArrayBlockingQueue<>(100_000);
    private volatile boolean eof;

    private AgentClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.link = new ChannelLink(channel, "test");
        InputStream in = link.in();
        Thread.ofPlatform().daemon().name("test-client").start(() -> {
            FrameCodec codec = new FrameCodec(16 << 20);
            try {
                Frame f;
                while ((f = codec.read(in)) != null) {
                    inbox.offer(f);
                }
            } catch (IOException | FrameException e) {
                // connection closed by the gate, which several tests expect
            }
            eof = true;
        });
    }

    static AgentClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return new AgentClient(ch);
    }

    static AgentClient over(SocketChannel ch) throws IOException {
        return new AgentClient(ch);
    }

    /** Connects and completes the hello; returns the client with its ready frame consumed. */
    static AgentClient ready(Path socket) throws Exception {
        AgentClient c = connect(socket);
        c.send(Frame.of(Header.type("hello").put("v", 1L).build()));
        Frame ready = c.next();
        if (ready == null || !"ready".equals(ready.type())) {
            throw new IllegalStateException("expected ready, got " + ready);
        }
        c.readyFrame = ready;
        return c;
    }

    Frame readyFrame;

    void send(Frame f) throws IOException {
        link.write(FrameCodec.encode(f));
    }

    void sendRaw(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    void send(String to, String kind, String body, long id) throws IOException {
        send(Frame.of(Header.type("send").put("to", to).put("kind", kind).put("id", id).build(), body));
    }

    Frame next() throws InterruptedException {
        return inbox.poll(5, TimeUnit.SECONDS);
    }

    Frame next(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next frame of the given type, skipping others (token rotations, say). */
    Frame next(String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Frame f = inbox.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (f != null && type.equals(f.type())) {
                return f;
            }
        }
        return null;
    }

    boolean closedByGate(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!eof && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return eof;
    }

    java.util.List<Frame> drain() {
        java.util.List<Frame> all = new java.util.ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
