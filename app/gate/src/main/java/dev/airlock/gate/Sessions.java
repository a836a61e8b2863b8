package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.gate.transport.Link;
import dev.airlock.gate.wire.Frame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gate's connections: every open session, and per agent the one live session that said hello. Opening a
 * session starts its reader thread; closing one frees its agent for a new connection.
 */
final class Sessions {

    private final Gate gate;
    private final Recorder recorder;
    private final int maxFrameBytes;
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final List<Session> open = new CopyOnWriteArrayList<>();

    Sessions(Gate gate, Recorder recorder, int maxFrameBytes) {
        this.gate = gate;
        this.recorder = recorder;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Serves {@code agentId} on {@code link}; {@code alreadyRead} is a hello read while authenticating, or null. */
    void open(String agentId, Link link, Frame alreadyRead) {
        long count = open.stream().filter(x -> x.agent().equals(agentId)).count();
        if (count >= Gate.MAX_CONNECTIONS_PER_AGENT) {
            // One agent is one connection; a few more may be in flight during a restart, never a flood of them.
            // No frame was read, so the decision names none.
            recorder.emit(recorder.decision(agentId, "?", "", "", "", GateAction.BLOCK, "connection.cap",
                    count + " connections already open", List.of(), 0, 0, System.nanoTime(), 0, 0));
            link.close();
            return;
        }
        Session s = new Session(gate, agentId, link, maxFrameBytes);
        open.add(s);
        recorder.connection(agentId, link.transport(), true, "");
        Thread.ofPlatform().daemon().name("gate-" + agentId).start(() -> s.run(alreadyRead));
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

    void closeAll() {
        for (Session s : open) {
            s.close("gate closed");
        }
    }
}
