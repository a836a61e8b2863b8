package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.Rate;
import dev.airlock.gate.token.TokenException;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes each frame of a ready session through the checks every frame passes (no named sender, the agent's rate,
 * a presented token) and on to what its type asks for: a message to a peer, a tool or model call, a tool list.
 */
final class Router {

    private final Pipeline pipeline;
    private final Rate agentRate;
    private final Approvals approvals;
    private final Mailboxes mailboxes;
    private final Recorder recorder;
    private final Outcomes outcomes;
    private final CallPath calls;
    private final ToolCalls toolCalls;
    private final ModelCalls modelCalls;
    private final ToolCatalog catalog;
    private final Map<String, TokenBucket> agentBuckets = new ConcurrentHashMap<>();

    Router(Pipeline pipeline, Approvals approvals, Mailboxes mailboxes, Recorder recorder, SecretValues secrets,
           ToolCalls toolCalls, ModelCalls modelCalls, ToolCatalog catalog) {
        this.pipeline = pipeline;
        this.agentRate = pipeline.topology().defaults().rate();
        this.approvals = approvals;
        this.mailboxes = mailboxes;
        this.recorder = recorder;
        this.outcomes = new Outcomes(recorder);
        this.calls = new CallPath(recorder, outcomes, secrets);
        this.toolCalls = toolCalls;
        this.modelCalls = modelCalls;
        this.catalog = catalog;
    }

    void handle(Session s, Frame frame) throws IOException {
        long started = System.nanoTime();
        Header h = frame.header();
        if (h.has("from")) {
            outcomes.refuse(s, frame, started, GateAction.ERROR, "identity.from", "frames never name their sender; "
                    + "the gate knows who you are from your connection", "from_not_allowed");
            return;
        }
        if (!agentBucket(s.agent()).tryTake(started)) {
            outcomes.refuse(s, frame, started, GateAction.BLOCK, "rate.agent", "agent " + s.agent()
                    + " is over its rate", null);
            return;
        }
        if (h.has("token")) {
            try {
                s.verifyPresented(h.string("token"));
            } catch (TokenException e) {
                outcomes.refuse(s, frame, started, GateAction.BLOCK, e.rule(), e.getMessage(), null);
                return;
            }
        }
        switch (h.type()) {
            case "send" -> onSend(s, frame, started);
            case "tool.list" -> onToolList(s, frame, started);
            case "tool.call" -> calls.call(s, frame, started, toolCalls);
            case "model.complete" -> calls.call(s, frame, started, modelCalls);
            case "ping" -> s.send(Frame.of(Header.type("pong").put("id", h.id()).build()));
            case "pong", "log" -> {
                // Heartbeats need no answer; agent logs are not content we forward anywhere.
            }
            case "hello" -> outcomes.refuse(s, frame, started, GateAction.ERROR, "handshake.second-hello",
                    "hello was already answered", "already_ready");
            case "bye" -> s.close("bye");
            default -> outcomes.refuse(s, frame, started, GateAction.ERROR, "frame.unknown-type", "unknown frame type",
                    "unknown_type");
        }
    }

    /** A frame the codec refused: it never reached the pipeline, so there is no target to record. */
    void frameRefused(Session s, FrameException e) {
        recorder.emit(recorder.decision(s.agent(), "?", "", "", "", GateAction.ERROR, "frame." + e.code(),
                e.getMessage(), List.of(), 0, 0, System.nanoTime(), 0, 0));
        s.sendQuietly(Replies.error(e.code(), e.getMessage(), null));
    }

    private TokenBucket agentBucket(String agent) {
        return agentBuckets.computeIfAbsent(agent, a -> new TokenBucket(agentRate, System.nanoTime()));
    }

    private void onSend(Session s, Frame frame, long started) throws IOException {
        Header h = frame.header();
        String to = h.string("to");
        String kind = h.has("kind") ? h.string("kind") : "message";
        if (kind == null) {
            outcomes.refuse(s, frame, started, GateAction.ERROR, "frame.bad-header", "\"kind\" must be a string",
                    "bad_header");
            return;
        }
        Verdict v = send(s.agent(), to, kind, h.id(), frame.body());
        outcomes.finish(s, frame, started, to, kind, v, 0, 0);
    }

    /** What the user sends passes the same pipeline as an agent's message. */
    Verdict sendAsUser(String userId, String to, String kind, byte[] body) {
        long started = System.nanoTime();
        Verdict v = send(userId, to, kind, null, body);
        recorder.record(userId, "send", to, kind, body, v, started, 0, 0);
        return v;
    }

    private Verdict send(String from, String to, String kind, Object id, byte[] body) {
        Verdict v = approvals.resolve(from, to, kind, pipeline.send(from, to, kind, body));
        if (v.passes()) {
            Mailboxes.Refusal refused = mailboxes.deliver(from, to, kind, id, v.body());
            if (refused != null) {
                v = Verdict.block(refused.rule(), refused.reason(), v.pipe());
            }
        }
        return v;
    }

    private void onToolList(Session s, Frame frame, long started) throws IOException {
        byte[] body = catalog.listFor(s.agent());
        s.send(new Frame(Header.type("tool.list.result").put("id", frame.header().id()).build(), body));
        recorder.record(s.agent(), "tool.list", "", "", frame.body(), Verdict.deliver(body, ""), started, 0, 0);
    }
}
