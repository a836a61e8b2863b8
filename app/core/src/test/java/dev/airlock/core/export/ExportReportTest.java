package dev.airlock.core.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportReportTest {

    @Test
    void listsFilesThenAcceptedRisksThenTheOtherFindings() {
        ExportResult result = new ExportResult(List.of(ExportedFile.text("a.yaml", "a"), ExportedFile.text("b/c.yaml", "c")),
                List.of(new ExportFinding("tool:web", "host 'x' is enforced by the gate only"),
                        new ExportFinding("agent:w", ExportReport.RISK_PREFIX + ": runs as root")));

        assertThat(ExportReport.lines("kubernetes", "demo", "out", result)).containsExactly(
                "Wrote the kubernetes export of demo to out:",
                "  a.yaml",
                "  b/c.yaml",
                "Risks allowed:",
                "  agent:w: runs as root",
                "Enforced by the gate, not the platform, and other notes:",
                "  tool:web: host 'x' is enforced by the gate only");
    }

    @Test
    void saysWhenNoRiskWasAllowed() {
        assertThat(ExportReport.lines("compose", "demo", "out", ExportResult.of(ExportedFile.text("a", "a"))))
                .containsExactly("Wrote the compose export of demo to out:", "  a", "Risks allowed: none.");
    }
}
