package dev.airlock.core.topology.io;

import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {

    private static Topology readClean(String name, String yaml) {
        LoadResult r = TopologyReader.parse(name, yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("problems reading back %s", name).isEmpty();
        return r.topology();
    }

    @Test
    void everySampleSurvivesSaveAndLoad() throws IOException {
        for (Path sample : Samples.topologies()) {
            Topology original = TopologyReader.read(sample).topology();
            String saved = TopologyWriter.toYaml(original);
            Topology reloaded = readClean(sample.toString(), saved);
            assertThat(reloaded).as(sample.toString()).isEqualTo(original);
            assertThat(TopologyWriter.toYaml(reloaded)).as("saving is stable").isEqualTo(saved);
        }
    }

    @Test
    void samplesAreWrittenInTheCanonicalForm() throws IOException {
        // Samples double as documentation of the format, so they are kept exactly as Airlock writes them.
        for (Path sample : Samples.topologies()) {
            if (sample.toString().endsWith(".yaml")) {
                String onDisk = Files.readString(sample);
                assertThat(TopologyWriter.toYaml(TopologyReader.read(sample).topology())).as(sample.toString())
                        .isEqualTo(onDisk);
            }
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "old");
        Topology t = Topology.empty("t");
        TopologyWriter.write(t, file);
        assertThat(readClean("t.yaml", Files.readString(file))).isEqualTo(t);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
