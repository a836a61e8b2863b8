package dev.airlock.core.topology.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The topology files shipped under {@code samples/}: every YAML there whose kind is Topology. */
public final class Samples {

    private Samples() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no samples/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static List<Path> topologies() {
        try (Stream<Path> files = Files.walk(root().resolve("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .filter(Samples::isTopology)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isTopology(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.matches("kind:\\s*Topology\\s*")
                    || l.matches(".*\"kind\"\\s*:\\s*\"Topology\".*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
