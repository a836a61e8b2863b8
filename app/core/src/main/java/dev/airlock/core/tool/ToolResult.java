package dev.airlock.core.tool;

/** A tool's answer as JSON text, which the gate scans before the agent sees it. */
public record ToolResult(String json) {
}
