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
import java.util.concurrent.ScheduledFuture;

/**
 * One agent's connection: reads frames on its own thread and hands each to the gate's pipeline. The agent's
 * identity is fixed when the session is made (by which socket, stream or authenticated TCP connection it is);
 * nothing in a frame can change it.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    static final String INTERNAL_ERROR = "internal error";

    private final Gate gate;
    private final String agent;
    private final Link link;
    private final FrameCodec codec;
    private volatile boolean ready;
    private volatile boolean accepting;
    private volatile boolean closed;
    private ScheduledFuture<?> rotation;

    Session(Gate gate, String agent, Link link, int maxFrame) {
        this.gate = gate;
        this.agent = agent;
        this.link = link;
        this.codec = new FrameCodec(maxFrame);
    }

    String agent() {
        return agent;
    }

    Link link() {
        return link;
    }

    boolean ready() {
        return ready && !closed;
    }

    /** Deliveries may go straight to the link: the hello is answered and everything queued before it is flushed. */
    boolean accepting() {
        return accepting && !closed;
    }

    void startAccepting() {
        accepting = true;
    }

    /** Reads until the agent leaves or sends something the stream cannot survive. */
    void run(Frame alreadyRead) {
        String reason = "disconnected";
        try {
            if (alreadyRead != null) {
                handle(alreadyRead);
            }
            while (!closed) {
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
        if (!ready) {
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

    /** Every frame to the agent leaves here, so this is where a failure's reason loses any credential in it. */
    void send(Frame frame) throws IOException {
        link.write(FrameCodec.encode(gate.secrets().redactReason(frame)));
    }

    /** Sends without letting a dead peer's failure reach the caller (used for notices about the peer itself). */
    void sendQuietly(Frame frame) {
        try {
            send(frame);
        } catch (IOException e) {
            close("write failed");
        }
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (rotation != null) {
            rotation.cancel(false);
        }
        link.close();
        gate.sessionClosed(this, reason);
    }
}
