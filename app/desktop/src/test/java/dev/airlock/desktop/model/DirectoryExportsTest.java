package dev.airlock.desktop.model;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory exporters the File → Export menu offers, and the refusal it shows for a loosened sandbox. */
class DirectoryExportsTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void offersTheDirectoryExportersOfTheCatalogButNotTheThreatModel() {
        assertThat(DirectoryExports.available()).extracting(Exporter::id).contains("kubernetes")
                .doesNotContain("threat-model");
        Exporter kubernetes = kubernetes();
        assertThat(DirectoryExports.label(kubernetes)).isEqualTo("Kubernetes…");
        assertThat(DirectoryExports.options(kubernetes)).extracting(DirectoryExports.Option::name)
                .containsExactly("sandbox", "runtime-class", "agentic-networking", "allow-risks");
    }

    @Test
    void aLoosenedSandboxIsRefusedWithTheExportersMessageAndNothingIsWritten() throws Exception {
        Topology t = TopologyReader.read(SAMPLE).topology();
        Topology loosened = t.withAgents(t.agents().stream()
                .map(a -> a.id().equals("writer") ? a.withSandbox(SandboxOverrides.NONE.withUser("root")) : a).toList());
        Path out = dir.resolve("k8s");
        assertThatThrownBy(() -> DirectoryExports.write(kubernetes(), loosened,
                Map.of("sandbox", "deployment", "runtime-class", "", "allow-risks", "false"), out))
                .isInstanceOf(ExportException.class)
                .hasMessageStartingWith("refusing to export a loosened sandbox (agent 'writer': runs as root");
        assertThat(out).doesNotExist();

        assertThat(DirectoryExports.write(kubernetes(), loosened, Map.of("allow-risks", "true"), out))
                .contains("Risks allowed:", "  agent:writer: runs as root inside the container");
        assertThat(out.resolve("kustomization.yaml")).exists();
    }

    private static Exporter kubernetes() {
        return DirectoryExports.available().stream().filter(e -> e.id().equals("kubernetes")).findFirst().orElseThrow();
    }
}
