package dev.airlock.core.tool;

import java.nio.file.Path;

/**
 * Where a tool may keep things during one run: {@code workspace} is a directory of its own that is removed with
 * the run; {@code baseDir} is the topology file's directory, for fixtures the topology names.
 */
public record ToolContext(Path workspace, Path baseDir) {
}
