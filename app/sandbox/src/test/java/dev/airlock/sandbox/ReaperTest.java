package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxRemoved;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a host process mid-run, then a new start: nothing of the dead run is left. */
class ReaperTest {

    @Test
    void leftoversOfAKilledHostAreRemovedAtTheNextStart() throws Exception {
        Engine.Recorder events = new Engine.Recorder();
        try (DockerSandboxRuntime runtime = Engine.runtime(events)) {
            Engine.ensureProbe(runtime);
            String runId = "k" + UUID.randomUUID().toString().substring(0, 8);
            Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DyingHost.class.getName(), runId)
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("UP")) {
                    // Skip log lines until the host says its sandbox runs.
                }
                assertThat(line).as("the host process started its sandbox").isEqualTo("UP");
            }
            Map<String, String> ofRun = Map.of("airlock.run", runId);
            assertThat(runtime.client().listContainersCmd().withLabelFilter(ofRun).exec()).hasSize(1);
            Path runDir = runtime.directories().base().resolve(runId);
            assertThat(runDir.resolve("0-victim")).isDirectory();

            host.destroyForcibly();
            assertThat(host.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(host.exitValue()).isEqualTo(137);
            // Killed with -9: the container is still running and the directory still there.
            assertThat(runtime.client().listContainersCmd().withLabelFilter(ofRun).exec()).hasSize(1);

            List<String> removed = runtime.reapLeftovers();

            assertThat(removed).anyMatch(r -> r.startsWith("container /airlock-" + runId))
                    .anyMatch(r -> r.startsWith("image "))
                    .anyMatch(r -> r.equals("pipe directory " + runDir));
            assertThat(runtime.client().listContainersCmd().withShowAll(true).withLabelFilter(ofRun).exec()).isEmpty();
            assertThat(runtime.client().listImagesCmd().withLabelFilter(ofRun).exec()).isEmpty();
            assertThat(runDir).doesNotExist();
            assertThat(events.of(SandboxRemoved.class)).filteredOn(SandboxRemoved::leftover).hasSize(3);
        }
    }

    @Test
    void liveOwnersAreNeverReaped() throws Exception {
        try (DockerSandboxRuntime runtime = Engine.runtime(e -> { })) {
            Engine.ensureProbe(runtime);
            String runId = "l" + UUID.randomUUID().toString().substring(0, 8);
            Path runDir = runtime.directories().createRun(runId);
            try (var sandbox = runtime.launch(new dev.airlock.core.runtime.SandboxRequest(runId, "alive",
                    "airlock/probe", List.of("sleep", "30"), Map.of(), null, null, null))) {
                runtime.reapLeftovers();
                assertThat(runtime.client().listContainersCmd().withIdFilter(List.of(sandbox.id())).exec()).hasSize(1);
                assertThat(runDir).isDirectory();
            } finally {
                runtime.directories().removeRun(runId);
            }
        }
    }
}
