package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.gate.wire.Frame;

import java.io.IOException;
import java.util.List;

/** Ends a frame's trip through the gate: answers the sender as the verdict says, then records the decision. */
final class Outcomes {

    private final Recorder recorder;

    Outcomes(Recorder recorder) {
        this.recorder = recorder;
    }

    /** Answers a refused or finished frame: a block or error frame for anything not delivered, then records it. */
    void finish(Session s, Frame frame, long started, String target, String kind, Verdict v, long modelNanos,
                long toolNanos) throws IOException {
        if (v.action() == GateAction.ERROR) {
            s.send(Replies.error(v.rule(), v.reason(), frame.header().id()));
        } else if (!v.passes()) {
            s.send(Replies.block(frame.header().id(), v));
        } else {
            Replies.noticeIfMasked(s, frame.header().id(), v, "message");
        }
        recorder.record(s.agent(), frame.type(), target, kind, frame.body(), v, started, modelNanos, toolNanos);
    }

    /**
     * Refuses a frame before the pipeline sees it (a named sender, a rate, a bad token): nothing is captured,
     * since there is no policy decision to replay. An error carries {@code errorCode}, a block {@code rule}.
     */
    void refuse(Session s, Frame frame, long started, GateAction action, String rule, String reason, String errorCode)
            throws IOException {
        if (action == GateAction.ERROR) {
            s.send(Replies.error(errorCode, reason, frame.header().id()));
        } else {
            s.send(Replies.block(frame.header().id(), Verdict.block(rule, reason, "")));
        }
        recorder.emit(recorder.decision(s.agent(), frame.type(), frame.header().string("to"),
                frame.header().string("kind"), "", action, rule, reason, List.of(), frame.body().length, 0, started,
                0, 0));
    }
}
