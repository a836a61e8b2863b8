package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar users get, {@code target/airlock.jar}, run as a separate process after packaging: the in-process tests
 * see the test class path, which can hold what the shaded jar lacks (a dependency scoped out of it, a service file
 * the shade lost).
 */
class AirlockJarIT {

    private static final Path JAR = Path.of("target", "airlock.jar");
    private static final Path SAMPLES = Path.of("..", "..", "samples");

    private record Result(int exitCode, String out) {
    }

    private static Result airlock(String stdin, String... args) throws IOException, InterruptedException {
        return airlock(Map.of(), stdin, args);
    }

    private static Result airlock(Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("airlock " + String.join(" ", args) + " ended").isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void validatesEveryBundledSample() throws Exception {
        for (Path sample : CommandLineTest.sampleTopologies()) {
            Result r = airlock("", "validate", sample.toString());
            assertThat(r.exitCode()).as(r.out()).isZero();
        }
    }

    @Test
    void doctorNamesTheFixWhenTheEngineIsStopped(@TempDir Path tmp) throws Exception {
        Result r = airlock(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("docker.sock")), "", "doctor");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("FAIL engine", "fix: start it: 'sudo systemctl start docker'", "ok   java",
                "ok   plugins").doesNotContain("Exception");
    }

    @Test
    void scansWithTheGatesGuardrails() throws Exception {
        Result r = airlock("my SSN is 123-45-6789", "scan");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("\"action\":\"mask\"").doesNotContain("123-45-6789");
    }

    @Test
    void exportsKubernetesManifestsAsTheExportersTestsExpect(@TempDir Path tmp) throws Exception {
        // The exporter writes with Jackson 3 (fabric8's model needs it) beside Jackson 2: both must survive shading.
        Path out = tmp.resolve("k8s");
        Result r = airlock("", "export", "kubernetes",
                SAMPLES.resolve("research-assistant/research-assistant.yaml").toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        Path golden = Path.of("..", "..", "plugins/export-kubernetes/src/test/resources/golden/research-assistant/deployment");
        for (String file : List.of("gate.yaml", "agents/researcher.yaml", "network-policies.yaml")) {
            assertThat(Files.readString(out.resolve(file))).as(file).isEqualTo(Files.readString(golden.resolve(file)));
        }
    }

    @Test
    void relaysThroughTheGate() throws Exception {
        Result r = airlock("", "bench", "gate", "--json", "--messages", "60");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("\"transport\":\"unix\"", "\"full_vs_policy_throughput\"");
    }

    @Test
    void runsASampleInContainersAndMeetsItsExpectations() throws Exception {
        ProbeCommandTest.requireEngine();
        Path topology = SAMPLES.resolve("sql-analyst/sql-analyst.yaml");
        assertThat(Files.exists(topology)).isTrue();
        Result r = airlock("", "run", topology.toString(), "--expect",
                SAMPLES.resolve("sql-analyst/sql-analyst.expected.yaml").toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("Expectations: 5 of 5 met");
    }
}
