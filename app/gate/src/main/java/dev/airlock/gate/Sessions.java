package dev.airlock.gate;

import dev.airlock.gate.transport.Link;
import dev.airlock.gate.wire.Frame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gate's connections: every open session, and per agent the one live session that said hello. Opening a
 * session starts its reader thread; closing one frees its agent for a new connection. A connection
 * must say hello in time, and connections that never do cannot fill an agent's cap: the oldest of them makes way.
 */
final class Sessions {

    private final Gate gate;
    private final Recorder recorder;
    private final int maxFrameBytes;
    private final long maxBufferedBytes;
    private final Duration helloTimeout;
    private final ScheduledExecutorService timers;
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final List<Session> open = new CopyOnWriteArrayList<>();

    Sessions(Gate gate, Recorder recorder, GateOptions options, ScheduledExecutorService timers) {
        this.gate = gate;
        this.recorder = recorder;
        this.maxFrameBytes = options.maxFrameBytes();
        this.maxBufferedBytes = options.maxBufferedBytes();
        this.helloTimeout = options.helloTimeout();
        this.timers = timers;
    }

    /**
     * Serves {@code agentId} on a connection the agent opened; {@code alreadyRead} is a hello read while
     * authenticating, or null. It must say hello within the hello timeout.
     */
    void open(String agentId, Link link, Frame alreadyRead) {
        Session s = admit(agentId, link, alreadyRead != null);
        if (s != null) {
            timers.schedule(() -> helloDeadline(s), helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
            s.start(alreadyRead);
        }
    }

    /**
     * Serves {@code agentId} on a stream the host attached when it started the agent's compartment. No hello
     * deadline here: the stream exists before the agent's process does, and the launcher's ready timeout stops a
     * compartment whose agent never says hello.
     */
    void attach(String agentId, Link link) {
        Session s = admit(agentId, link, false);
        if (s != null) {
            s.start(null);
        }
    }

    /**
     * One agent is one connection; a few more may be in flight during a restart, never a flood of them. At the cap
     * the oldest connection that has not said hello makes way for the new one, so connections that only sit there
     * cannot lock the agent out; only connections that all said hello keep the newcomer out.
     */
    private synchronized Session admit(String agentId, Link link, boolean helloInHand) {
        List<Session> mine = open.stream().filter(x -> x.agent().equals(agentId)).toList();
        if (mine.size() >= Gate.MAX_CONNECTIONS_PER_AGENT) {
            Session idle = mine.stream().filter(Session::awaitingHello).findFirst().orElse(null);
            if (idle == null) {
                recorder.refusedConnection(agentId, "connection.cap", mine.size() + " connections already open");
                link.close();
                return null;
            }
            recorder.refusedConnection(agentId, "connection.evicted", "the oldest of " + mine.size()
                    + " open connections had not said hello and made way for a new one");
            idle.drop("evicted by a newer connection");
        }
        Session s = new Session(gate, agentId, link, maxFrameBytes, maxBufferedBytes, helloInHand);
        open.add(s);
        recorder.connection(agentId, link.transport(), true, "");
        return s;
    }

    private void helloDeadline(Session s) {
        if (s.ready() || !s.isOpen()) {
            return;
        }
        recorder.refusedConnection(s.agent(), "hello.timeout", "no hello within " + helloTimeout.toMillis() + " ms");
        s.drop("no hello in time");
    }

    /** Makes {@code s} its agent's live session; false when another connection of the agent already is. */
    boolean claimLive(Session s) {
        Session existing = live.putIfAbsent(s.agent(), s);
        return existing == null || existing == s;
    }

    /** The agent's live session, or null when it has not said hello (or has gone). */
    Session live(String agent) {
        return live.get(agent);
    }

    void closed(Session s, String reason) {
        live.remove(s.agent(), s);
        open.remove(s);
        recorder.connection(s.agent(), s.link().transport(), false, reason);
    }

    /**
     * Ends every connection, then waits (at most {@code grace}) until each reader has finished the frame in hand. A
     * delivery's decision is recorded after the frame went out, so a receiver can hold a message whose decision is
     * not on the record yet; the gate closes its record only after that.
     */
    void closeAll(Duration grace) {
        List<Session> closing = List.copyOf(open);
        for (Session s : closing) {
            s.drop("gate closed");
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Session s : closing) {
                s.awaitReader(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
