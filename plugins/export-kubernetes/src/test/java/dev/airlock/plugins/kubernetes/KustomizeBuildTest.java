package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportFiles;
import dev.airlock.core.export.ExportResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user runs first: {@code kubectl kustomize DIR} on each written export builds every resource the files
 * hold, namespace first. Needs {@code kubectl} on the PATH (no cluster); skipped with a message without it.
 */
class KustomizeBuildTest {

    private static Path kubectl;

    @BeforeAll
    static void findKubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                kubectl = candidate;
                return;
            }
        }
        assumeTrue(false, "skipped: no kubectl on the PATH to build the kustomization with");
    }

    static List<Object[]> exports() {
        List<Object[]> cases = new ArrayList<>();
        for (Path sample : Samples.all()) {
            cases.add(new Object[]{Samples.name(sample) + " deployment", Samples.export(Samples.read(sample), Map.of())});
            cases.add(new Object[]{Samples.name(sample) + " agent-sandbox", Samples.export(Samples.read(sample),
                    Map.of("sandbox", "agent-sandbox", "agentic-networking", "true"))});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void kubectlKustomizeBuildsEveryResource(String name, ExportResult result, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("export");
        ExportFiles.writeTree(result, out);
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", out.toString())
                .redirectErrorStream(true).start();
        String built = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(built).isZero();
        List<String> kinds = built.lines().filter(l -> l.startsWith("kind: ")).toList();
        assertThat(kinds).hasSize(Manifests.documents(result).size());
        assertThat(kinds.getFirst()).isEqualTo("kind: Namespace");
    }
}
