package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock run --scenario}: a workshop script stepped through headless on the real engine. */
class ScenarioRunTest {

    @Test
    void theSqlAnalystScenarioRunsItsStepsAndAWhatIfReplay() throws IOException {
        ProbeCommandTest.requireEngine();
        Path sample = CommandLineTest.sampleTopologies().stream()
                .filter(p -> p.getFileName().toString().equals("sql-analyst.yaml")).findFirst().orElseThrow();

        CliRun run = CliRun.of("run", sample.toString(), "--scenario",
                sample.resolveSibling("sql-analyst.scenario.yaml").toString());

        GoldenOutput.assertMatches("sql-analyst.scenario.txt", run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // A tool's own refusal is not the gate's policy: switching a guardrail cannot undo it. Said here as well,
        // so a golden regenerated without care cannot quietly accept the opposite.
        assertThat(run.out()).doesNotContain("tool.call -> db: now allowed");
    }

    @Test
    void aBrokenScenarioIsOneLocatedLine(@TempDir Path dir) throws IOException {
        Path topology = dir.resolve("echoes.yaml");
        Files.writeString(topology, RunCommandTest.TOPOLOGY);
        Path scenario = dir.resolve("bad.scenario.yaml");
        Files.writeString(scenario, "steps:\n  - say: hi\n    sned: {to: echo1, text: x}\n");

        CliRun run = CliRun.of("run", topology.toString(), "--scenario", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .matches(".*bad\\.scenario\\.yaml:3:\\d+: error: unknown field 'sned'");
    }
}
