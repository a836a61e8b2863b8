package dev.airlock.gate;

import dev.airlock.gate.token.TokenClaims;
import dev.airlock.gate.token.TokenException;
import dev.airlock.gate.transport.Link;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent's connection: reads frames on its own thread and hands each to the gate's pipeline; what goes back to
 * the agent leaves through its {@link Outbound}. The agent's identity is fixed when the
 * session is made (by which socket, stream or authenticated TCP connection it is); nothing in a frame can change
 * it.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    static final String INTERNAL_ERROR = "internal error";

    /** How long a closing connection may take to write its last frames to an agent that may not read them. */
    private static final Duration CLOSING_GRACE = Duration.ofSeconds(2);

    private final Gate gate;
    private final String agent;
    private final Link link;
    private final FrameCodec codec;
    private final Outbound outbound;
    private volatile boolean helloSeen;
    private volatile boolean ready;
    private volatile boolean accepting;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> rotation;
    private volatile Thread reader;

    /** {@code helloInHand}: the hello was read before the session began (TCP reads it to authenticate). */
    Session(Gate gate, String agent, Link link, int maxFrame, long maxBufferedBytes, boolean helloInHand) {
        this.gate = gate;
        this.agent = agent;
        this.link = link;
        this.codec = new FrameCodec(maxFrame);
        this.outbound = new Outbound(link, maxBufferedBytes, "gate-out-" + agent, () -> drop("write failed"));
        this.helloSeen = helloInHand;
    }

    /** Starts the reader, which first handles {@code alreadyRead} if there is one. */
    void start(Frame alreadyRead) {
        reader = Thread.ofPlatform().daemon().name("gate-" + agent).start(() -> run(alreadyRead));
    }

    /** Waits until the reader has finished the frame in hand and left, or until {@code deadlineNanos}. */
    void awaitReader(long deadlineNanos) throws InterruptedException {
        Thread t = reader;
        long left = deadlineNanos - System.nanoTime();
        if (t != null && t != Thread.currentThread() && left > 0) {
            t.join(Duration.ofNanos(left));
        }
    }

    String agent() {
        return agent;
    }

    Link link() {
        return link;
    }

    Outbound outbound() {
        return outbound;
    }

    boolean ready() {
        return ready && !closed.get();
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Open and no hello read yet: the kind of connection that may be evicted or time out. */
    boolean awaitingHello() {
        return !helloSeen && !closed.get();
    }

    /** Deliveries may join the outbound queue: the hello is answered and everything queued before it moved there. */
    boolean accepting() {
        return accepting && !closed.get();
    }

    void startAccepting() {
        accepting = true;
    }

    /** Reads until the agent leaves or sends something the stream cannot survive. */
    private void run(Frame alreadyRead) {
        String reason = "disconnected";
        try {
            if (alreadyRead != null) {
                handle(alreadyRead);
            }
            while (!closed.get()) {
                Frame frame;
                try {
                    frame = codec.read(link.in());
                } catch (FrameException e) {
                    gate.frameRefused(this, e);
                    if (e.fatal()) {
                        break;
                    }
                    continue;
                }
                if (frame == null) {
                    break;
                }
                handle(frame);
            }
        } catch (IOException e) {
            LOG.debug("agent {} connection ended: {}", agent, e.toString());
        } catch (RuntimeException e) {
            // A bug must not take the gate down; it closes this one connection and is logged.
            LOG.error("agent {}: internal error, closing its connection", agent, e);
            reason = INTERNAL_ERROR;
        } finally {
            close(reason);
        }
    }

    private void handle(Frame frame) throws IOException {
        if (closed.get()) {
            // Closed by the gate while this frame was read: it is not served.
            return;
        }
        if (!ready) {
            if ("hello".equals(frame.type())) {
                helloSeen = true;
            }
            gate.beforeHello(this, frame);
            return;
        }
        gate.handle(this, frame);
    }

    void becomeReady() {
        this.ready = true;
    }

    void rotation(ScheduledFuture<?> rotation) {
        this.rotation = rotation;
    }

    /** Checks a token the agent presented in a frame: it must be valid and its own. */
    TokenClaims verifyPresented(String presented) throws TokenException {
        return gate.tokens().verify(presented, agent);
    }

    /**
     * Answers the agent, on its reader thread: waits while the agent's queue is full, so an agent that does not
     * read its answers is no longer read either.
     */
    void send(Frame frame) throws IOException {
        outbound.put(encode(frame));
    }

    /** Answers without letting a closed connection's failure reach the caller (a frame the codec refused). */
    void sendQuietly(Frame frame) {
        try {
            send(frame);
        } catch (IOException e) {
            LOG.debug("agent {}: answer not sent: {}", agent, e.toString());
        }
    }

    /**
     * Sends a notice from another thread (the token rotation) without waiting: it is small and comes every few
     * minutes, so it may go past the bound rather than stall the gate's timers.
     */
    void sendNotice(Frame frame) {
        outbound.push(encode(frame));
    }

    /** Every frame the gate makes leaves through here, so this is where a failure's reason loses any credential. */
    private QueuedFrame encode(Frame frame) {
        return QueuedFrame.whole(FrameCodec.encode(gate.secrets().redactReason(frame)));
    }

    /** Ends the connection after its last answers are written (or a grace passed); on the reader thread only. */
    void close(String reason) {
        if (markClosed(reason)) {
            outbound.finish(CLOSING_GRACE);
        }
    }

    /** Ends the connection now, dropping what waits to be written; from any thread. */
    void drop(String reason) {
        markClosed(reason);
        outbound.abort();
    }

    private boolean markClosed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        if (rotation != null) {
            rotation.cancel(false);
        }
        gate.sessionClosed(this, reason);
        return true;
    }
}
