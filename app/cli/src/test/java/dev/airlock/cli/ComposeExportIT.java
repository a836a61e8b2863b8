package dev.airlock.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose export for real: a sample exported with {@code airlock export compose}, started with Debian's
 * {@code docker-compose} on the local engine (the gate from {@code airlock/gate}, built offline from the packaged
 * jar), its expectations met against that running gate with {@code airlock expect --connect}, then taken down, and
 * nothing of the project left: no container, volume or network carries its project label.
 */
class ComposeExportIT {

    private static final Path JAR = Path.of("target", "airlock.jar").toAbsolutePath();
    private static final Path SAMPLES = Path.of("..", "..", "samples").toAbsolutePath().normalize();

    private record Result(int exitCode, String out) {
    }

    @BeforeAll
    static void engineComposeAndImages() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        // The user's channel is a socket in the project's volume, which only root reaches from the host.
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && ci) {
            Assertions.fail("CI=true but the Compose test needs root to reach the gate's user socket");
        }
        Assumptions.assumeTrue(root, "Compose test skipped: needs root to reach the gate's user socket");
        for (List<String> probe : List.of(List.of("docker", "info"), List.of("docker-compose", "version"))) {
            boolean ok;
            try {
                ok = run(Path.of("."), Map.of(), probe).exitCode() == 0;
            } catch (IOException e) {
                ok = false;
            }
            if (!ok && ci) {
                Assertions.fail("CI=true but '" + String.join(" ", probe) + "' does not work");
            }
            Assumptions.assumeTrue(ok, "Compose test skipped: '" + String.join(" ", probe) + "' does not work "
                    + "(apt-get install docker-compose; set CI=true to make this a failure)");
        }
        Result images = airlock("images", "build", "--only", "airlock/agent-java,airlock/gate");
        assertThat(images.exitCode()).as(images.out()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"research-assistant/research-assistant", "sql-analyst/sql-analyst"})
    void theExportedProjectRunsAndMeetsTheSamplesExpectations(String sample) throws Exception {
        Path topologyFile = SAMPLES.resolve(sample + ".yaml");
        Path dir = Files.createTempDirectory("airlock-compose-it");
        String project = "airlockit" + UUID.randomUUID().toString().substring(0, 8);
        Path projectDir = dir.resolve("project");
        Result export = airlock("export", "compose", topologyFile.toString(), "-o", projectDir.toString());
        assertThat(export.exitCode()).as(export.out()).isZero();
        assertThat(projectDir.resolve("docker-compose.yml")).exists();
        copyReferencedFiles(topologyFile.getParent(), projectDir.resolve("policy"));
        try {
            Result up = run(projectDir, Map.of(), List.of("docker-compose", "-p", project, "up", "-d"));
            assertThat(up.exitCode()).as(up.out()).isZero();
            String mountpoint = run(projectDir, Map.of(), List.of("docker", "volume", "inspect", "-f",
                    "{{.Mountpoint}}", project + "_user")).out().strip();
            Result expect = airlock("expect", "--connect", "unix:" + mountpoint + "/user.sock",
                    SAMPLES.resolve(sample + ".expected.yaml").toString());
            assertThat(expect.exitCode()).as(expect.out() + "\n" + logs(projectDir, project)).isZero();
            assertThat(expect.out()).contains("Expectations: ").doesNotContain("not met");
        } finally {
            Result down = run(projectDir, Map.of(), List.of("docker-compose", "-p", project, "down", "-v",
                    "-t", "3"));
            assertThat(down.exitCode()).as(down.out()).isZero();
            String label = "label=com.docker.compose.project=" + project;
            assertThat(run(projectDir, Map.of(), List.of("docker", "ps", "-aq", "--filter", label)).out()).isBlank();
            assertThat(run(projectDir, Map.of(), List.of("docker", "volume", "ls", "-q", "--filter", label)).out())
                    .isBlank();
            assertThat(run(projectDir, Map.of(), List.of("docker", "network", "ls", "-q", "--filter", label)).out())
                    .isBlank();
            deleteTree(dir);
        }
    }

    /** What a user does by hand (README step 1): the sample's other files go beside the exported topology. */
    private static void copyReferencedFiles(Path sampleDir, Path policy) throws IOException {
        try (Stream<Path> files = Files.walk(sampleDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = policy.resolve(sampleDir.relativize(f).toString());
                if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // The gate runs as its own uid and reads the policy through a read-only bind mount.
        try (Stream<Path> all = Files.walk(policy.getParent())) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(policy.getParent().getParent(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String logs(Path dir, String project) throws Exception {
        return run(dir, Map.of(), List.of("docker-compose", "-p", project, "logs", "--no-color", "--tail", "40"))
                .out();
    }

    private static Result airlock(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(Path.of("."), Map.of(), command);
    }

    private static Result run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " ended").isTrue();
        return new Result(p.exitValue(), out);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
