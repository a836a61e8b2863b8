package dev.airlock.gate;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.gate.audit.AuditLog;
import dev.airlock.gate.audit.CaptureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where every decision and connection becomes a record: the optional capture (raw payloads, for replay), the audit
 * log, the gate's own event stream and the host's sink. Names an agent chose are recorded only if the topology
 * declares them, so a header cannot smuggle content into a record. Reasons lose any credential before they become
 * an event (and so an audit line); bodies lost theirs where a plugin answered ({@link PluginBridge}).
 */
final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final Set<String> FRAME_TYPES = Set.of("hello", "send", "tool.list", "tool.call",
            "model.complete", "ping", "pong", "log", "bye");

    private final Pipeline pipeline;
    private final SecretValues secrets;
    private final EventStream stream;
    private final EventSink sink;
    private final AuditLog audit;
    private final CaptureLog capture;

    Recorder(Pipeline pipeline, SecretValues secrets, EventStream stream, EventSink sink, Path auditLog,
             Path captureFile) throws IOException {
        this.pipeline = pipeline;
        this.secrets = secrets;
        this.stream = stream;
        this.sink = sink;
        this.audit = auditLog == null ? null : new AuditLog(auditLog);
        this.capture = captureFile == null ? null : new CaptureLog(captureFile);
    }

    /** Captures a frame and records the decision about it, timed from {@code started}. */
    void record(String agent, String frameType, String target, String kind, byte[] body, Verdict v, long started,
                long modelNanos, long toolNanos) {
        capture(agent, frameType, target, kind, body, v);
        emit(decision(agent, frameType, target, kind, v.pipe(), v.action(), v.rule(), v.reason(), v.findingRules(),
                body.length, v.passes() ? v.body().length : 0, started, modelNanos, toolNanos));
    }

    void capture(String agent, String frameType, String target, String kind, byte[] body, Verdict v) {
        if (capture != null) {
            capture.write(agent, frameType, target, kind, body, v.action(), v.rule());
        }
    }

    /**
     * A decision event. {@code gateNanos} is the time since {@code started} less what the model and the tool took,
     * so the gate is measured by its own work only.
     */
    GateDecision decision(String agent, String frame, String target, String kind, String pipe, GateAction action,
                          String rule, String reason, List<String> findings, int in, int out, long started,
                          long modelNanos, long toolNanos) {
        long now = System.nanoTime();
        long gateNanos = Math.max(0, now - started - modelNanos - toolNanos);
        return new GateDecision(now, System.currentTimeMillis(), agent, FRAME_TYPES.contains(frame) ? frame : "?",
                pipeline.recordable(target), pipeline.recordable(kind), pipe, action, rule, secrets.redact(reason),
                findings, in, out, gateNanos, modelNanos, toolNanos);
    }

    /** A connection refused or ended by the gate before any frame of it was served, so the decision names none. */
    void refusedConnection(String agent, String rule, String reason) {
        emit(decision(agent, "?", "", "", "", GateAction.BLOCK, rule, reason, List.of(), 0, 0, System.nanoTime(), 0,
                0));
    }

    void connection(String agent, String transport, boolean up, String reason) {
        emit(new GateConnection(System.nanoTime(), System.currentTimeMillis(), agent, transport, up,
                secrets.redact(reason)));
    }

    void emit(AirlockEvent event) {
        if (event instanceof GateDecision d && audit != null) {
            audit.write(d);
        }
        stream.publish(event);
        try {
            sink.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("event sink failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (audit != null) {
                audit.close();
            }
            if (capture != null) {
                capture.close();
            }
        } catch (IOException e) {
            LOG.warn("closing audit/capture failed: {}", e.toString());
        }
    }
}
