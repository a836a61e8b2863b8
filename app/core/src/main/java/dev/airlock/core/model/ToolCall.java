package dev.airlock.core.model;

/** A model's request to call a tool; the gate checks it against the agent's scope like any other call. */
public record ToolCall(String id, String name, String argumentsJson) {
}
