package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock threat-model FILE -o OUT}: the format follows OUT's extension, and bad input writes nothing. */
class ThreatModelCommandTest {

    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path SAMPLE = ROOT.resolve("samples/research-assistant/research-assistant.yaml");
    /** The exporter's own golden files: the command writes exactly what the exporter makes. */
    private static final Path GOLDEN = ROOT.resolve("plugins/export-threat-model/src/test/resources/golden");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"md", "json"})
    void writesTheFormatTheExtensionNames(String format) throws IOException {
        Path out = dir.resolve("model." + format);
        CliRun run = CliRun.of("threat-model", SAMPLE.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote the threat model of research-assistant to " + out);
        assertThat(Files.readString(out)).isEqualTo(Files.readString(GOLDEN.resolve("research-assistant." + format)));
    }

    @Test
    void htmlIsAPageThatNamesThePathAndAnExistingFileIsReplacedWithNothingLeftBeside() throws IOException {
        Path out = dir.resolve("Report.HTML");
        Files.writeString(out, "old");
        CliRun run = CliRun.of("threat-model", SAMPLE.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>")
                .contains("web → researcher → planner (reads notes) → researcher → writer → mailer (mitigated)");
        assertThat(files()).containsExactly(out);
    }

    @Test
    void anUnknownExtensionIsOneLineAndWritesNothing() throws IOException {
        for (String name : new String[] {"model.txt", "model"}) {
            CliRun run = CliRun.of("threat-model", SAMPLE.toString(), "-o", dir.resolve(name).toString());

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.errLines()).as(run.err()).singleElement().asString()
                    .startsWith("airlock: -o: " + dir.resolve(name) + ": ")
                    .contains(name.contains(".") ? "unknown extension '.txt'" : "no extension")
                    .endsWith("use .json, .md, .html");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aMissingOrInvalidTopologyWritesNothing() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        CliRun run = CliRun.of("threat-model", missing.toString(), "-o", dir.resolve("out.md").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        FileInputTest.assertOneClearLine(run, missing, "no such file");

        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                agents:
                  - {id: a, image: i, tools: [nowhere]}
                """);
        run = CliRun.of("threat-model", invalid.toString(), "-o", dir.resolve("out.md").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).as(run.err()).first().asString().startsWith(invalid + ":5:")
                .contains("unknown tool 'nowhere'");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(files()).containsExactly(invalid);
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineAndWritesNothing() throws Exception {
        Path taken = Files.createDirectory(dir.resolve("taken.md"));
        Path fifo = dir.resolve("pipe.md");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path missingDir = dir.resolve("nope/out.md");
        String[][] cases = {
                {taken.toString(), "is a directory"},
                {fifo.toString(), "is not a regular file"},
                {missingDir.toString(), "directory " + missingDir.getParent() + " does not exist"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("threat-model", SAMPLE.toString(), "-o", c[0]);
            assertThat(run.exitCode()).as(c[0]).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.errLines()).as(run.err()).singleElement().asString()
                    .startsWith("airlock: -o: ").contains(c[0], c[1]);
        }
        assertThat(files()).containsExactlyInAnyOrder(taken, fifo);
        try (Stream<Path> inside = Files.list(taken)) {
            assertThat(inside).isEmpty();
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }
}
