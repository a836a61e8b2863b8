package dev.airlock.core.event;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.airlock.core.topology.Named;

/**
 * What the gate did with a frame. {@link #ASK} is recorded only when a guardrail asked where no human can be
 * asked (a model request, a tool's or model's result): the frame was refused. {@link #ERROR} means the frame itself
 * was unusable (bad shape, bad UTF-8, a named sender) or its tool or model failed.
 */
public enum GateAction implements Named {
    DELIVER("deliver"), MASK("mask"), BLOCK("block"), ASK("ask"), ERROR("error");

    private final String text;

    GateAction(String text) {
        this.text = text;
    }

    /** The spelling in events, the audit log, captures and expectations. */
    @Override
    @JsonValue
    public String text() {
        return text;
    }

    /** Whether the frame went on to its receiver, as sent or masked. */
    public boolean passes() {
        return this == DELIVER || this == MASK;
    }

    @Override
    public String toString() {
        return text;
    }
}
