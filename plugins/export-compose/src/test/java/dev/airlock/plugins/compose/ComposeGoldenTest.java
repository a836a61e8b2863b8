package dev.airlock.plugins.compose;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each sample's Compose project, file by file and byte for byte, against golden files in
 * {@code src/test/resources/golden/<sample>/}. After an intended change, regenerate with
 * {@code -Dairlock.golden.update=true} and review the diff before committing it; never on by default.
 */
class ComposeGoldenTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    static Stream<Path> samples() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
            List<Path> topologies = files.filter(p -> p.toString().endsWith(".yaml")).filter(ComposeGoldenTest::isTopology)
                    .sorted().toList();
            assertThat(topologies).as("sample topologies").hasSizeGreaterThanOrEqualTo(5);
            return topologies.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Topology read(Path file) {
        LoadResult r = TopologyReader.read(file);
        assertThat(r.problems()).as(file.toString()).isEmpty();
        return r.topology();
    }

    static ExportResult export(Topology t, Map<String, String> options) {
        try {
            return new ComposeExporter().export(t, new ExportOptions(options));
        } catch (ExportException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesTheGoldenFilesAndIsStable(Path sample) throws IOException {
        String name = sample.getFileName().toString().replaceFirst("\\.yaml$", "");
        ExportResult result = export(read(sample), Map.of());
        assertThat(export(read(sample), Map.of()).files()).as("a second export is identical")
                .isEqualTo(result.files());
        for (ExportedFile f : result.files()) {
            if (f.path().startsWith("seccomp/")) {
                continue; // the profile is app/sandbox's own file, compared in ComposeHardeningTest
            }
            Path golden = DIR.resolve(name).resolve(f.path());
            if (Boolean.getBoolean("airlock.golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, f.text());
            }
            assertThat(golden).as("golden file; create it with -Dairlock.golden.update=true").exists();
            assertThat(f.text()).as(golden.toString()).isEqualTo(Files.readString(golden));
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
