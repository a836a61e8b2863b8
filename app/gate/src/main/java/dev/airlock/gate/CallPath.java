package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.tool.ToolException;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The one path a {@code tool.call} and a {@code model.complete} take: decide the request, call the tool or model,
 * decide its result, answer the agent and record. Time spent in the callee is measured apart from the gate's own.
 */
final class CallPath {

    private static final Logger LOG = LoggerFactory.getLogger(CallPath.class);

    /** What differs between calling a tool and asking a model. */
    interface Callee {

        /** {@code tool} or {@code model}: the header key that names the callee, and the first word of its frames. */
        String key();

        /** The frame type that carries the answer, {@code tool.result} or {@code model.result}. */
        String resultFrame();

        /** Whether the callee's time counts as the model's (else the tool's) in the decision event. */
        boolean isModel();

        Verdict request(Session s, String name, byte[] body);

        /**
         * Calls the callee with the request as the gate let it through.
         *
         * @throws ToolException with a rule when a tool refused by a rule of its own, without one when it failed
         * @throws ModelException when a model could not answer
         */
        byte[] call(Session s, String name, byte[] body) throws ToolException, ModelException;

        Verdict result(String agent, String name, byte[] result);
    }

    private final Recorder recorder;
    private final Outcomes outcomes;
    private final SecretValues secrets;

    CallPath(Recorder recorder, Outcomes outcomes, SecretValues secrets) {
        this.recorder = recorder;
        this.outcomes = outcomes;
        this.secrets = secrets;
    }

    void call(Session s, Frame frame, long started, Callee callee) throws IOException {
        Object id = frame.header().id();
        String name = frame.header().string(callee.key());
        Verdict v = callee.request(s, name, frame.body());
        if (!v.passes()) {
            outcomes.finish(s, frame, started, name, "", v, 0, 0);
            return;
        }
        long callStart = System.nanoTime();
        byte[] result;
        try {
            result = callee.call(s, name, v.body());
        } catch (ToolException e) {
            long calleeNanos = System.nanoTime() - callStart;
            if (e.isRefusal()) {
                refused(s, frame, started, name, v, e, calleeNanos, callee);
            } else {
                failed(s, frame, started, name, e, e.getMessage(), calleeNanos, callee);
            }
            return;
        } catch (ModelException e) {
            failed(s, frame, started, name, e, e.getMessage(), System.nanoTime() - callStart, callee);
            return;
        } catch (RuntimeException e) {
            // A plugin's bug: the agent learns that the call failed, not the plugin's internals.
            failed(s, frame, started, name, e, callee.key() + " " + name + " failed", System.nanoTime() - callStart,
                    callee);
            return;
        }
        long calleeNanos = System.nanoTime() - callStart;
        recorder.capture(s.agent(), frame.type(), name, "", frame.body(), v);
        Verdict out = callee.result(s.agent(), name, result);
        recorder.capture(s.agent(), callee.resultFrame(), name, "", result, out);
        Replies.noticeIfMasked(s, id, v, "request");
        if (out.passes()) {
            Replies.noticeIfMasked(s, id, out, "result");
            s.send(new Frame(Header.type(callee.resultFrame()).put("id", id).put(callee.key(), name).build(),
                    out.body()));
        } else {
            s.send(Replies.block(id, out));
        }
        // A masked request stays the headline when the result passes; a refused result is the headline otherwise.
        GateAction action = out.passes() && v.action() != GateAction.DELIVER ? v.action() : out.action();
        String rule = !out.passes() || v.rule().isEmpty() ? out.rule() : v.rule();
        recorder.emit(recorder.decision(s.agent(), frame.type(), name, "", "", action, rule,
                out.passes() ? v.reason() : out.reason(), Verdict.mergedFindingRules(v, out), frame.body().length,
                out.passes() ? out.body().length : 0, started, modelNanos(callee, calleeNanos),
                toolNanos(callee, calleeNanos)));
    }

    /**
     * The gate's policy let the call through; the tool refused it by a rule of its own, which the agent's block
     * names. The capture keeps the gate's own verdict so that a replay under another policy compares policies, not
     * tools' behaviour.
     */
    private void refused(Session s, Frame frame, long started, String name, Verdict v, ToolException e,
                         long calleeNanos, Callee callee) throws IOException {
        Verdict refused = Verdict.block(e.rule(), e.getMessage(), "");
        recorder.capture(s.agent(), frame.type(), name, "", frame.body(), v);
        s.send(Replies.block(frame.header().id(), refused));
        recorder.emit(recorder.decision(s.agent(), frame.type(), name, "", refused.pipe(), refused.action(),
                refused.rule(), refused.reason(), refused.findingRules(), frame.body().length, 0, started,
                modelNanos(callee, calleeNanos), toolNanos(callee, calleeNanos)));
    }

    private void failed(Session s, Frame frame, long started, String name, Exception e, String reason,
                        long calleeNanos, Callee callee) throws IOException {
        // A plugin's own exception text may quote what its upstream said, credential included.
        LOG.warn("{} {} failed for {}: {}", callee.key(), name, s.agent(), secrets.redact(e.toString()));
        outcomes.finish(s, frame, started, name, "", Verdict.error(callee.key() + "_failed", reason),
                modelNanos(callee, calleeNanos), toolNanos(callee, calleeNanos));
    }

    private static long modelNanos(Callee callee, long nanos) {
        return callee.isModel() ? nanos : 0;
    }

    private static long toolNanos(Callee callee, long nanos) {
        return callee.isModel() ? 0 : nanos;
    }
}
