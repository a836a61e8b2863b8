package dev.airlock.desktop.model;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** File → Export → Threat Model writes what {@code airlock threat-model} writes, and its findings follow the drawing. */
class ThreatModelExportTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Topology SAMPLE = TopologyReader.read(
            ROOT.resolve("samples/research-assistant/research-assistant.yaml")).topology();

    @TempDir
    Path dir;

    @Test
    void writesTheExportersFileAndMarksTheAgentsOnThePath() throws Exception {
        ThreatModelExport export = new ThreatModelExport();
        assertThat(export.available()).isTrue();
        assertThat(export.findings()).isEmpty();

        Path out = dir.resolve("model.md");
        export.write(SAMPLE, out);

        assertThat(Files.readString(out)).isEqualTo(Files.readString(
                ROOT.resolve("plugins/export-threat-model/src/test/resources/golden/research-assistant.md")));
        assertThat(export.findings()).containsKeys("agent:researcher", "agent:planner", "agent:writer");
        assertThat(export.findings().get("agent:writer")).contains("exfiltration path (mitigated)");
    }

    @Test
    void anEditRecomputesTheFindings() throws Exception {
        ThreatModelExport export = new ThreatModelExport();
        export.refresh(SAMPLE);
        assertThat(export.findings()).as("nothing before an export").isEmpty();
        export.write(SAMPLE, dir.resolve("model.json"));

        Topology unapproved = SAMPLE.withTools(SAMPLE.tools().stream()
                .map(t -> t.id().equals("mailer") ? t.withApproval(ToolSpec.Approval.NEVER) : t).toList());
        export.refresh(unapproved);
        assertThat(export.findings().get("agent:writer")).contains("exfiltration path (partly mitigated)")
                .contains("Not mitigated, LLM06 Excessive Agency");

        export.refresh(unapproved.withPipes(List.of()));
        assertThat(export.findings()).as("no pipes, no path").doesNotContainKeys("agent:researcher", "agent:planner");
        assertThat(export.findings().get("agent:writer")).doesNotContain("exfiltration path")
                .contains("Not mitigated, LLM06 Excessive Agency");
    }

    @Test
    void anUnknownExtensionWritesNothing() throws IOException {
        ThreatModelExport export = new ThreatModelExport();
        assertThatThrownBy(() -> export.write(SAMPLE, dir.resolve("model.pdf"))).isInstanceOf(ExportException.class)
                .hasMessageContaining(".json, .md, .html");
        assertThatThrownBy(() -> export.write(SAMPLE, dir.resolve("model"))).isInstanceOf(ExportException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(export.findings()).isEmpty();
    }

    @Test
    void theCanvasShowsEachFindingAsAThreatBadge() {
        CanvasModel cm = CanvasModel.of(SAMPLE, List.of(), Map.of("agent:planner", "Threat model: x",
                "agent:nobody", "ignored"));
        assertThat(cm.nodes().get("agent:planner").badges()).containsEntry(CanvasModel.Badge.THREAT, "Threat model: x");
        assertThat(cm.nodes().get("agent:writer").badges()).doesNotContainKey(CanvasModel.Badge.THREAT);
        assertThat(cm.nodes()).doesNotContainKey("agent:nobody");
    }
}
