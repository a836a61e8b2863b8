package dev.airlock.core.tool;

import java.nio.file.Path;

/**
 * What a tool may use during one run: {@code workspace} is a directory of its own that is removed with the run;
 * {@code baseDir} is the topology file's directory, for fixtures the topology names; {@code servers} starts the
 * tool servers that run in compartments of their own (MCP).
 */
public record ToolContext(Path workspace, Path baseDir, ServerLauncher servers) {

    /** For tools that start no server. */
    public ToolContext(Path workspace, Path baseDir) {
        this(workspace, baseDir, ServerLauncher.NONE);
    }
}
