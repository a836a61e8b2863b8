package dev.airlock.plugins.tools;

import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolProvider;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Options: {@code seed} (a directory beside the topology whose regular files are copied into the workspace at
 * start; links in it are skipped), {@code maxBytes} (per file, default 1 MiB).
 */
public final class FilesProvider implements ToolProvider {

    @Override
    public ToolType type() {
        return ToolType.FILES;
    }

    @Override
    public Tool create(ToolSpec spec, ToolContext context) throws ToolException {
        Path root = context.workspace().resolve(spec.id());
        try {
            Files.createDirectories(root);
            String seed = spec.options().get("seed");
            if (seed != null) {
                copyRegularFiles(context.baseDir().resolve(seed), root);
            }
        } catch (IOException e) {
            throw ToolException.failed("tool '" + spec.id() + "': cannot prepare its workspace: " + e.getMessage());
        }
        int maxBytes = Integer.parseInt(spec.options().getOrDefault("maxBytes", String.valueOf(1 << 20)));
        return new FilesTool(spec.id(), spec.description(), new WorkspacePaths(root), maxBytes);
    }

    private static void copyRegularFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
