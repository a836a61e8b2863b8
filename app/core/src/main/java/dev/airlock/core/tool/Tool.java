package dev.airlock.core.tool;

import dev.airlock.core.model.ToolDefinition;

import java.util.List;

/**
 * One tool of a topology as the gate runs it. The gate has already checked that the calling agent holds the tool
 * in scope and will put the result through guardrails; a tool enforces only what is its own to know (which hosts
 * it may reach, which files, which statements).
 */
public interface Tool extends AutoCloseable {

    /** The functions this tool offers; an MCP server may offer several. */
    List<ToolDefinition> definitions();

    ToolResult call(ToolInvocation invocation) throws ToolException;

    @Override
    default void close() {
    }
}
