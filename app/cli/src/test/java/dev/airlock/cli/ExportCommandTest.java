package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code airlock export kubernetes|compose FILE -o DIR}: the exporter is found by id in the plugin catalog, the
 * directory is written all at once and matches the exporter's golden files, and every refusal is one line that
 * leaves nothing behind.
 */
class ExportCommandTest {

    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path SAMPLE = ROOT.resolve("samples/research-assistant/research-assistant.yaml");
    /** The exporter's own golden directories: the command writes exactly what the exporter makes. */
    private static final Path GOLDEN = ROOT.resolve("plugins/export-kubernetes/src/test/resources/golden");

    @TempDir
    Path dir;

    @Test
    void writesTheKubernetesManifestsAndReportsFilesRisksAndWhatTheGateEnforces() throws IOException {
        Path out = dir.resolve("k8s");
        CliRun run = CliRun.of("export", "kubernetes", SAMPLE.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertSameTree(out, GOLDEN.resolve("research-assistant/deployment"));
        assertThat(run.out()).contains("Wrote the kubernetes export of research-assistant to " + out + ":")
                .contains("  namespace.yaml\n", "  agents/researcher.yaml\n", "  kustomization.yaml\n")
                .contains("Risks allowed: none.")
                .contains("tool:web: host 'docs.airlock.test' is enforced by the gate only")
                .contains("gate: ConfigMap airlock-jwks holds no keys: fill it from 'kubectl get --raw /openid/v1/jwks'")
                .contains("Read " + out.resolve("README.md"));
    }

    @Test
    void theOptionsReachTheExporter() throws IOException {
        Path out = dir.resolve("k8s");
        CliRun run = CliRun.of("export", "kubernetes", SAMPLE.toString(), "-o", out.toString(),
                "--sandbox", "agent-sandbox", "--runtime-class", "gvisor", "--agentic-networking");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertSameTree(out, GOLDEN.resolve("research-assistant/agentic-gvisor"));
    }

    @Test
    void aLoosenedSandboxIsRefusedInOneLineUnlessRisksAreAllowed() throws IOException {
        Path loosened = Files.writeString(dir.resolve("loose.yaml"), Files.readString(SAMPLE).replace(
                "    resources: {memory: 192Mi}\n", "    resources: {memory: 192Mi}\n    sandbox: {network: bridge}\n"));
        Path out = dir.resolve("k8s");
        CliRun refused = CliRun.of("export", "kubernetes", loosened.toString(), "-o", out.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        // The validator's located risk line, as for every command that loads a topology, then the one refusal.
        assertThat(refused.errLines()).as(refused.err()).hasSize(2);
        assertThat(refused.errLines().get(0)).startsWith(loosened + ":45:14: risk: agent 'researcher' loosens");
        assertThat(refused.errLines().get(1))
                .startsWith("airlock: " + loosened + ": refusing to export a loosened sandbox")
                .contains("agent 'researcher': network 'bridge'").contains("allow-risks");
        assertThat(out).doesNotExist();

        CliRun allowed = CliRun.of("export", "kubernetes", loosened.toString(), "-o", out.toString(), "--allow-risks");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("Risks allowed:\n  agent:researcher: network 'bridge'");
        assertThat(Files.readString(out.resolve("agents/researcher.yaml")))
                .contains("# RISK allowed with allow-risks: network 'bridge'");
    }

    @Test
    void anExporterThatIsNotInstalledIsOneLineAndWritesNothing() {
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> DirectoryExport.run("no-such-exporter", SAMPLE, out, Map.of()))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("no exporter 'no-such-exporter' installed (installed: ")
                .hasMessageContaining("kubernetes")
                .hasMessageNotContaining("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void badOptionsAndDirectoriesAreOneLineAndWriteNothing() throws IOException {
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Path file = Files.writeString(dir.resolve("file"), "x");
        String[][] cases = {
                {"-o", full.toString(), "-o: " + full + " is not empty"},
                {"-o", file.toString(), "-o: " + file + " is not a directory"},
                {"-o", dir.resolve("nope/k8s").toString(), "directory " + dir.resolve("nope") + " does not exist"},
                {"-o", dir.resolve("a").toString(), "--sandbox", "vm", "unknown sandbox 'vm'"},
                {"-o", dir.resolve("b").toString(), "--runtime-class", "runc", "unknown runtime class 'runc'"},
                {"-o", dir.resolve("c").toString(), "--namespace", "Bad_Name", "namespace 'Bad_Name' is not"}};
        for (String[] c : cases) {
            String[] args = Stream.concat(Stream.of("export", "kubernetes", SAMPLE.toString()),
                    Stream.of(c).limit(c.length - 1)).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.errLines()).as(run.err()).singleElement().asString().contains(c[c.length - 1]);
            assertThat(run.err()).doesNotContain("Exception");
        }
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("file", "full");
        }
        try (Stream<Path> inside = Files.list(full)) {
            assertThat(inside.toList()).containsExactly(full.resolve("keep.txt"));
        }
    }

    @Test
    void composeIsLookedUpByIdLikeAnyExporter() {
        Path out = dir.resolve("compose");
        CliRun run = CliRun.of("export", "compose", SAMPLE.toString(), "-o", out.toString());
        if (dev.airlock.core.export.Exporters.byId("compose").isPresent()) {
            // Found and run: its own tests say what it writes; here only that a refusal writes nothing.
            assertThat(run.err()).doesNotContain("no exporter");
            assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.OK, ExitCode.INVALID_INPUT);
            assertThat(Files.isDirectory(out)).isEqualTo(run.exitCode() == ExitCode.OK);
        } else {
            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.errLines()).singleElement().asString().startsWith("airlock: no exporter 'compose' installed");
            assertThat(out).doesNotExist();
        }
    }

    private static void assertSameTree(Path actual, Path golden) throws IOException {
        assertThat(relativeFiles(actual)).isEqualTo(relativeFiles(golden));
        for (String f : relativeFiles(golden)) {
            assertThat(Files.readString(actual.resolve(f))).as(f).isEqualTo(Files.readString(golden.resolve(f)));
        }
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
