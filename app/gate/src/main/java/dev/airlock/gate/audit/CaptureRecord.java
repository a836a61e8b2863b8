package dev.airlock.gate.audit;

import dev.airlock.core.event.GateAction;

/**
 * One captured frame for replay: who sent what to where, its raw body, and what the gate decided then.
 * {@code frame} is {@code send}, {@code tool.call}, {@code tool.result}, {@code model.complete} or
 * {@code model.result}; {@code target} is the peer, tool or model.
 */
public record CaptureRecord(long seq, String agent, String frame, String target, String kind, byte[] body,
                            GateAction action, String rule) {
}
