package dev.airlock.desktop.live;

import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.run.Topologies;
import dev.airlock.run.doctor.Check;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Run pressed on a machine whose engine is stopped: the window is told why, and what else to fix, in words. */
class LiveRunDoctorTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aStoppedEngineIsReportedWithTheDoctorsFix() throws Exception {
        // A stopped dockerd leaves no socket behind: the same as pointing DOCKER_HOST where none is.
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("docker.sock"));
        Path sample = Path.of("..", "..", "samples", "research-assistant", "research-assistant.yaml");
        Topology topology = Topologies.loadValid(sample);
        CompletableFuture<String> failed = new CompletableFuture<>();
        CompletableFuture<List<Check>> diagnosed = new CompletableFuture<>();

        LiveRun run = new LiveRun(new FxBridge(), env);
        run.start(topology, sample.getParent(), request -> true, new LiveRun.Listener() {
            @Override
            public void phase(LiveRun.Phase phase, String message) {
            }

            @Override
            public void progress(String line) {
            }

            @Override
            public void batch(LiveFeed.Batch batch) {
            }

            @Override
            public void failed(String message) {
                failed.complete(message);
            }

            @Override
            public void diagnosed(List<Check> problems) {
                diagnosed.complete(problems);
            }
        });

        assertThat(failed.get(30, TimeUnit.SECONDS)).contains("no container engine answered")
                .contains(tmp.resolve("docker.sock").toString());
        List<Check> problems = diagnosed.get(30, TimeUnit.SECONDS);
        assertThat(problems).filteredOn(c -> c.name().equals("engine")).singleElement()
                .satisfies(c -> assertThat(c.fix()).contains("sudo systemctl start docker"));
        assertThat(problems).noneMatch(c -> c.status() == Check.Status.PASS);
        assertThat(run.phase()).isEqualTo(LiveRun.Phase.IDLE);
    }
}
