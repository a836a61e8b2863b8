package dev.airlock.core.event;

/** An agent's connection to the gate opened ({@code up}) or closed; {@code transport} is unix, stream or tcp. */
public record GateConnection(long monotonicNanos, long wallMillis, String agent, String transport, boolean up,
                             String reason) implements AirlockEvent {

    public static final String TYPE = "gate.connection";

    @Override
    public String type() {
        return TYPE;
    }
}
