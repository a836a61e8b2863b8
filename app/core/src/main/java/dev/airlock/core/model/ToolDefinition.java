package dev.airlock.core.model;

/** A tool the calling agent may use, offered to the model; {@code parametersJson} is a JSON Schema object. */
public record ToolDefinition(String name, String description, String parametersJson) {
}
