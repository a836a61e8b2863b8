package dev.airlock.core.event;

import java.util.List;

/**
 * One decision of the gate about one frame, its {@link GateAction}; every non-deliver decision names its
 * {@code rule}. {@code findings} lists the
 * guardrail rules that fired (never the content they matched). Durations are nanoseconds: {@code gateNanos} is the
 * gate's own time, excluding {@code modelNanos} and {@code toolNanos} spent waiting on a backend or a tool.
 *
 * @param agent    the connection's agent (or the user's id for user frames): never taken from the frame
 * @param frame    the frame type, e.g. {@code send}, {@code tool.call}
 * @param target   the receiving peer, tool or model; empty when none
 * @param pipe     the pipe the frame travelled ({@code a->b}), empty when none
 */
public record GateDecision(
        long monotonicNanos,
        long wallMillis,
        String agent,
        String frame,
        String target,
        String kind,
        String pipe,
        GateAction action,
        String rule,
        String reason,
        List<String> findings,
        int bytesIn,
        int bytesOut,
        long gateNanos,
        long modelNanos,
        long toolNanos) implements AirlockEvent {

    public static final String TYPE = "gate.decision";

    public GateDecision {
        target = target == null ? "" : target;
        kind = kind == null ? "" : kind;
        pipe = pipe == null ? "" : pipe;
        rule = rule == null ? "" : rule;
        reason = reason == null ? "" : reason;
        findings = List.copyOf(findings);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public boolean delivered() {
        return action.passes();
    }
}
