package dev.airlock.gate;

import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands allowed messages to their receiver: into a ready agent's outbound queue, to the user's channel, or into a
 * backlog for an agent that has not said hello yet (or has gone), moved to its queue in order when it does. Both
 * are bounded in bytes per agent; what does not fit is refused, never waited for, so a receiver that stops reading
 * or never comes costs its senders a refusal and the gate a bounded amount of memory.
 */
final class Mailboxes {

    /** Why a message was not delivered: the rule and reason of the sender's block. */
    record Refusal(String rule, String reason) {
    }

    /** Frames for an agent with no live connection, in arrival order. */
    private static final class Backlog {
        private final ArrayDeque<QueuedFrame> frames = new ArrayDeque<>();
        private long bytes;
    }

    private final Sessions sessions;
    private final UserChannel user;
    private final long maxBufferedBytes;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

    Mailboxes(Sessions sessions, UserChannel user, long maxBufferedBytes) {
        this.sessions = sessions;
        this.user = user;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** Delivers to a peer now or queues it until the peer connects; returns why not, or null. */
    Refusal deliver(String from, String to, String kind, Object id, byte[] body) {
        if (to.equals(user.id())) {
            return user.accept(new Delivery(from, kind, new String(body, StandardCharsets.UTF_8), System.nanoTime()))
                    ? null : new Refusal("peer.unavailable", "the user's inbox is full");
        }
        Header header = Header.type("deliver").put("from", from).put("kind", kind).put("id", id).build();
        QueuedFrame frame = new QueuedFrame(FrameCodec.encodeHead(header, body.length), body);
        Session target = sessions.live(to);
        if (target != null && target.accepting()) {
            if (target.outbound().offer(frame)) {
                return null;
            }
            if (target.accepting()) {
                return receiverFull(to, target.outbound().bytes());
            }
            // It went away meanwhile: the message waits for its next connection like any other.
        }
        Backlog backlog = backlogs.computeIfAbsent(to, k -> new Backlog());
        synchronized (backlog) {
            Session now = sessions.live(to);
            if (now != null && now.accepting()) {
                // It became ready meanwhile; its backlog has already moved to its queue.
                return now.outbound().offer(frame) ? null : receiverFull(to, now.outbound().bytes());
            }
            if (!frame.fits(backlog.bytes, maxBufferedBytes)) {
                return new Refusal("backpressure.offline", "agent " + to + " is not connected and " + backlog.bytes
                        + " bytes already wait for it (at most " + maxBufferedBytes + ")");
            }
            backlog.frames.add(frame);
            backlog.bytes += frame.cost();
            return null;
        }
    }

    private Refusal receiverFull(String to, long queued) {
        return new Refusal("backpressure.receiver", "agent " + to + " is not reading and " + queued
                + " bytes already wait for it (at most " + maxBufferedBytes + ")");
    }

    /**
     * Moves what waited for this agent to its queue, behind the {@code ready} already there, then lets deliveries
     * join the queue directly; the backlog's lock keeps them in order.
     */
    void flush(Session s) {
        Backlog backlog = backlogs.computeIfAbsent(s.agent(), k -> new Backlog());
        synchronized (backlog) {
            // Past the queue's bound is fine here: the backlog was held to the same bound.
            while (!backlog.frames.isEmpty() && s.outbound().push(backlog.frames.peek())) {
                backlog.bytes -= backlog.frames.poll().cost();
            }
            s.startAccepting();
        }
    }

    /** What the gate holds for this agent and has not yet handed to its socket: its backlog and its queue. */
    long bufferedBytes(String agent) {
        long queued = 0;
        Backlog backlog = backlogs.get(agent);
        if (backlog != null) {
            synchronized (backlog) {
                queued += backlog.bytes;
            }
        }
        Session s = sessions.live(agent);
        return s == null ? queued : queued + s.outbound().bytes();
    }
}
