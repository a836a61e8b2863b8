package dev.airlock.run.doctor;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.EngineFeatures;
import dev.airlock.sandbox.Owner;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor against the real engine, a stopped one, and machines that lack what a run or the workbench needs. */
class DoctorTest {

    @TempDir
    Path tmp;

    @Test
    void aStoppedEngineFailsWithTheCommandThatStartsIt() {
        // A stopped dockerd leaves no socket behind: the same as pointing DOCKER_HOST where none is.
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("docker.sock"));
        List<Check> checks = new Doctor(env, "Linux").checks();

        Check engine = find(checks, "engine");
        assertThat(engine.status()).isEqualTo(Check.Status.FAIL);
        assertThat(engine.detail()).contains(tmp.resolve("docker.sock").toString());
        assertThat(engine.fix()).contains("sudo systemctl start docker");
        assertThat(checks).extracting(Check::name).as("nothing is asked of an engine that is not there")
                .doesNotContain("limits", "images");
        assertThat(find(checks, "java").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void aHealthyEnginePassesWithTheLimitsItEnforces() {
        requireEngine();
        List<Check> checks = new Doctor(System.getenv(), "Linux").checks();

        assertThat(find(checks, "engine").status()).as(find(checks, "engine").detail()).isEqualTo(Check.Status.PASS);
        assertThat(find(checks, "limits").status()).as(find(checks, "limits").detail()).isEqualTo(Check.Status.PASS);
        Check images = find(checks, "images");
        assertThat(images.status()).isIn(Check.Status.PASS, Check.Status.WARN);
        assertThat(images.detail()).contains("airlock/probe", "airlock/agent-java", "airlock/mcp-demo");
        assertThat(checks).noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    @Test
    void whatADeadRunLeftIsRemovedAndALiveRunIsLeftAlone() throws Exception {
        requireEngine();
        Path runtime = Files.createDirectory(tmp.resolve("runtime"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        Path base = Files.createDirectory(runtime.resolve("airlock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // No process has pid 2^31-2 (the kernel's pid_max is at most 2^22), so this owner is dead.
        Path dead = runDirectory(base, "rdead", new Owner(Owner.current().host(), Integer.MAX_VALUE - 1, 1L));
        Path live = runDirectory(base, "rlive", Owner.current());

        Check leftovers = find(new Doctor(env, "Linux").checks(), "leftovers");

        assertThat(leftovers.status()).isEqualTo(Check.Status.PASS);
        assertThat(leftovers.detail()).contains("removed", "pipe directory " + dead);
        assertThat(dead).doesNotExist();
        assertThat(live.resolve("0-agent")).isDirectory();
        assertThat(find(new Doctor(env, "Linux").checks(), "leftovers").detail())
                .isEqualTo("no containers, images or pipe directories of dead runs");
    }

    private static Path runDirectory(Path base, String runId, Owner owner) throws Exception {
        Path run = Files.createDirectories(base.resolve(runId).resolve("0-agent")).getParent();
        Files.writeString(run.resolve("owner"), owner.toString());
        return run;
    }

    @Test
    void anEngineThatCannotLimitMemoryOrProcessesFails() {
        Check check = Doctor.limits(new EngineFeatures(false, false, "1", false, false, true));
        assertThat(check.status()).isEqualTo(Check.Status.FAIL);
        assertThat(check.detail()).contains("memory limits", "process-count limits").doesNotContain("seccomp");
        assertThat(Doctor.limits(new EngineFeatures(true, false, "2", true, true, true)).status())
                .isEqualTo(Check.Status.PASS);
    }

    @Test
    void aPipeBaseSomeoneCouldSwapFailsAndNamesWhatToRemove() throws Exception {
        Path runtime = Files.createDirectory(tmp.resolve("runtime"));
        Files.createSymbolicLink(runtime.resolve("airlock"), Files.createDirectory(tmp.resolve("elsewhere")));
        Check pipes = find(new Doctor(engineless(Map.of("XDG_RUNTIME_DIR", runtime.toString())), "Linux").checks(),
                "pipes");
        assertThat(pipes.status()).isEqualTo(Check.Status.FAIL);
        assertThat(pipes.detail()).contains("is a symbolic link");
        assertThat(pipes.fix()).contains("remove " + runtime.resolve("airlock"));
    }

    @Test
    void withoutADisplayTheWorkbenchWarnsAndSaysHowToGetOne() {
        Check display = find(new Doctor(engineless(Map.of()), "Linux").checks(), "display");
        assertThat(display.status()).isEqualTo(Check.Status.WARN);
        assertThat(display.fix()).contains("Xvfb :99");
    }

    @Test
    void thePluginsFoundAreListed() {
        Check plugins = find(new Doctor(engineless(Map.of()), "Linux").checks(), "plugins");
        assertThat(plugins.detail()).contains("scripted", "openai", "pii", "secrets");
    }

    private Map<String, String> engineless(Map<String, String> env) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("DOCKER_HOST", "unix://" + tmp.resolve("no-engine.sock"));
        return copy;
    }

    private static Check find(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    private static void requireEngine() {
        try (DockerSandboxRuntime ignored = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            // An engine answered.
        } catch (EngineUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
        }
    }
}
