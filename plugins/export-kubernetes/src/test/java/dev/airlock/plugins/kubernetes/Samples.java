package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's sample topologies, read from the source tree, and their Kubernetes exports. */
final class Samples {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private Samples() {
    }

    /** Every topology file under samples/, by path. */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
            List<Path> topologies = files.filter(p -> p.toString().endsWith(".yaml")).filter(Samples::isTopology)
                    .sorted().toList();
            assertThat(topologies).as("sample topologies").hasSizeGreaterThanOrEqualTo(5);
            return topologies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path sample) {
        return sample.getFileName().toString().replaceFirst("\\.yaml$", "");
    }

    static Topology read(Path file) {
        LoadResult r = TopologyReader.read(file);
        assertThat(r.problems()).as(file.toString()).isEmpty();
        return r.topology();
    }

    static Topology read(String sample) {
        return read(ROOT.resolve("samples").resolve(sample));
    }

    static ExportResult export(Topology t, Map<String, String> options) {
        try {
            return new KubernetesExporter().export(t, new ExportOptions(options));
        } catch (ExportException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static boolean isTopology(Path p) {
        try {
            return Files.readString(p).contains("\nkind: Topology");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
