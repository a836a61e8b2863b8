package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to {@code airlock ui} fails before any window opens: one located line, exit 2, nothing written. */
class UiCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsOneLocatedLine() {
        Path png = dir.resolve("shot.png");
        CliRun run = CliRun.of("ui", dir.resolve("nope.yaml").toString(), "--screenshot", png.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("nope.yaml:1:1: error:");
        assertThat(png).doesNotExist();
    }

    @Test
    void brokenYamlPointsAtTheLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "apiVersion: airlock.dev/v1alpha1\nkind: Topology\nmetadata: {name: x\n");
        CliRun run = CliRun.of("ui", file.toString(), "--screenshot", dir.resolve("shot.png").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().matches("airlock: .*broken\\.yaml:\\d+:\\d+: error: .*");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void anUnknownThemeOrAMissingScreenshotFolderIsAUsageError() {
        assertThat(CliRun.of("ui", "--theme", "neon").errLines()).singleElement().asString().contains("'neon' is not one of light, dark");
        CliRun run = CliRun.of("ui", "--screenshot", dir.resolve("no/such/dir/shot.png").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("does not exist");
    }

    @Test
    void aBrokenCaptureToReplayIsOneLineBeforeAnyWindow() throws Exception {
        Path capture = dir.resolve("run.capture");
        Files.writeString(capture, "{\"seq\": 1}\n");
        Path png = dir.resolve("shot.png");
        CliRun run = CliRun.of("ui", "../../samples/research-assistant/research-assistant.yaml", "--replay",
                capture.toString(), "--screenshot", png.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("run.capture:1: not a capture record");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(png).doesNotExist();
    }

    @Test
    void aBrokenScenarioIsOneLocatedLineBeforeAnyWindow() throws Exception {
        Path scenario = dir.resolve("bad.scenario.yaml");
        Files.writeString(scenario, "steps:\n  - say: hi\n    sned: {to: echo1, text: x}\n");
        Path png = dir.resolve("shot.png");
        CliRun run = CliRun.of("ui", "--scenario", scenario.toString(), "--run", "--screenshot", png.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .matches(".*bad\\.scenario\\.yaml:3:\\d+: error: unknown field 'sned'");
        assertThat(png).doesNotExist();
    }

    @Test
    void aScenarioWithoutATopologyBesideItNeedsAFile() throws Exception {
        Path scenario = dir.resolve("lonely.scenario.yaml");
        Files.writeString(scenario, "steps:\n  - say: hi\n");
        CliRun run = CliRun.of("ui", "--scenario", scenario.toString(), "--screenshot", dir.resolve("s.png").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("airlock: --scenario: no topology beside " + scenario + "; name it as FILE");
    }
}
