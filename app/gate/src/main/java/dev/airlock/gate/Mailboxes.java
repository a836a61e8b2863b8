package dev.airlock.gate;

import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands allowed messages to their receiver: straight to a ready agent's link, to the user's channel, or into a
 * bounded queue for an agent that has not said hello yet, flushed in order when it does.
 */
final class Mailboxes {

    private static final int PENDING_PER_AGENT = 256;

    private final Sessions sessions;
    private final UserChannel user;
    private final Map<String, Deque<byte[]>> pending = new ConcurrentHashMap<>();

    Mailboxes(Sessions sessions, UserChannel user) {
        this.sessions = sessions;
        this.user = user;
    }

    /** Delivers to a peer now, or queues until it connects; returns why not, or null. */
    String deliver(String from, String to, String kind, Object id, byte[] body) {
        if (to.equals(user.id())) {
            return user.accept(new Delivery(from, kind, new String(body, StandardCharsets.UTF_8), System.nanoTime()))
                    ? null : "the user's inbox is full";
        }
        Header header = Header.type("deliver").put("from", from).put("kind", kind).put("id", id).build();
        Session target = sessions.live(to);
        if (target != null && target.accepting()) {
            try {
                target.link().write(FrameCodec.encodeHead(header, body.length), body);
                return null;
            } catch (IOException e) {
                target.close("write failed");
                return "agent " + to + " went away";
            }
        }
        byte[] frame = FrameCodec.encode(new Frame(header, body));
        Deque<byte[]> queue = pending.computeIfAbsent(to, k -> new ArrayDeque<>());
        synchronized (queue) {
            Session now = sessions.live(to);
            if (now != null && now.accepting()) {
                // It became ready meanwhile; its pending queue is already flushed.
                try {
                    now.link().write(frame);
                    return null;
                } catch (IOException e) {
                    return "agent " + to + " went away";
                }
            }
            if (queue.size() >= PENDING_PER_AGENT) {
                return "agent " + to + " is not connected and its backlog is full";
            }
            queue.add(frame);
            return null;
        }
    }

    /** Sends what waited for this agent, then lets deliveries go direct; the queue lock keeps them in order. */
    void flush(Session s) throws IOException {
        Deque<byte[]> queue = pending.computeIfAbsent(s.agent(), k -> new ArrayDeque<>());
        synchronized (queue) {
            while (!queue.isEmpty()) {
                s.link().write(queue.poll());
            }
            s.startAccepting();
        }
    }
}
