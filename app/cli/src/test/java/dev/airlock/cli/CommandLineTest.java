package dev.airlock.cli;

import dev.airlock.core.topology.Seccomp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: airlock", "validate");
    }

    /** Found from the command tree, so a subcommand added later is held to it too. */
    @Test
    void everySubcommandAnswersHelp() {
        List<List<String>> paths = new java.util.ArrayList<>();
        collect(new picocli.CommandLine(new Airlock()), List.of(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("validate", "run", "scan", "probe", "replay", "bench gate", "bench launch", "images build", "ui");
        for (List<String> path : paths) {
            List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: airlock " + String.join(" ", path));
        }
    }

    private static void collect(picocli.CommandLine command, List<String> path, List<List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().userObject() instanceof picocli.CommandLine.HelpCommand) {
                return;
            }
            List<String> p = new java.util.ArrayList<>(path);
            p.add(name);
            out.add(p);
            collect(sub, p, out);
        });
    }

    @Test
    void versionNamesAirlockAndTheJava() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("airlock ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("valdate", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("validate").doesNotContain("Exception");
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("FILE");
    }

    @Test
    void probeSeccompTakesTheFileSpellingOfTheHardeningProfiles() {
        ProbeCommand probe = new ProbeCommand();
        new picocli.CommandLine(probe).parseArgs("--seccomp", "strict", "--", "true");
        assertThat(probe.seccomp).isEqualTo(Seccomp.STRICT);
        CliRun run = CliRun.of("probe", "--seccomp", "unconfined", "--", "true");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("--seccomp", "must be 'default' or 'strict', not 'unconfined'")
                .doesNotContain("Exception");
    }

    @Test
    void aPluginFolderThatIsNotThereIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("--plugins", dir.resolve("missing").toString(), "validate", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly("airlock: --plugins: " + dir.resolve("missing")
                + " is not a directory; name the folder that holds the plugin jars");
    }

    @Test
    void everyBundledSampleValidates() throws IOException {
        List<Path> samples = sampleTopologies();
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            CliRun run = CliRun.of("validate", sample.toString());
            assertThat(run.exitCode()).as(sample + ": " + run.err()).isZero();
            assertThat(run.out()).contains(sample + ": valid");
        }
    }

    @Test
    void aFetchToolWithAnOpenAllowlistCountsAsAWayOut(@TempDir Path dir) throws IOException {
        // No tool is marked external-send, yet docs.example/guide/?ref=<notes> would carry the notes out.
        Path file = dir.resolve("fetcher.yaml");
        Files.writeString(file, """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: fetcher}
                tools:
                  - {id: web, type: http.fetch, allow: [docs.example], traits: [untrusted-content]}
                  - {id: notes, type: files, traits: [private-data]}
                agents:
                  - {id: a, image: airlock/agent-java, tools: [web, notes]}
                """);
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith(file + ":8:47: risk: agent 'a' reads untrusted content, holds private data and can send data out")
                .contains("web can send through any URL on its allowlisted hosts");

        Files.writeString(file, Files.readString(file).replace("allow: [docs.example]",
                "allow: [{host: docs.example, paths: [/guide/**], query: none}]"));
        CliRun limited = CliRun.of("validate", file.toString());
        assertThat(limited.exitCode()).isZero();
        assertThat(limited.errLines()).isEmpty();
    }

    @Test
    void risksAreReportedButDoNotFailValidation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("risky.yaml");
        Files.writeString(file, """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: risky}
                agents:
                  - {id: a, image: airlock/agent-java, sandbox: {network: bridge}}
                """);
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith(file + ":5:49: risk: agent 'a' loosens its sandbox: network 'bridge'");
        assertThat(run.out()).contains("valid (1 agent, 0 tools, 0 models, 0 pipes; 1 risk)");
    }

    static List<Path> sampleTopologies() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("samples"))) {
            dir = dir.getParent();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(CommandLineTest::isTopology)
                    .sorted().toList();
        }
    }

    private static boolean isTopology(Path p) {
        try {
            return Files.readAllLines(p).contains("kind: Topology");
        } catch (IOException e) {
            return false;
        }
    }
}
