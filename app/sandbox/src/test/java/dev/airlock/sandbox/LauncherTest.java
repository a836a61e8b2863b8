package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxRestarted;
import dev.airlock.core.event.SandboxStats;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.AgentStatus;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.RestartPolicy;
import dev.airlock.core.topology.SandboxOverrides;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lifecycle on the real engine: parallel start, readiness by hello, exits, restarts, stats, cleanup. */
class LauncherTest {

    static final Resources LIMITS = new Resources(ByteSize.ofMebibytes(128), 1.0, 64, ByteSize.ofMebibytes(8));

    Engine.Recorder events;
    DockerSandboxRuntime runtime;
    String runId;
    Path runDir;
    HelloServer gate;
    Launcher launcher;

    @BeforeEach
    void setUp() {
        events = new Engine.Recorder();
        runtime = Engine.runtime(events, Duration.ofMillis(500));
        Engine.ensureProbe(runtime);
        Engine.ensureAgentJava(runtime);
        runId = "t" + UUID.randomUUID().toString().substring(0, 8);
        runDir = runtime.directories().createRun(runId);
    }

    Launcher launcher(Duration readyTimeout) {
        gate = new HelloServer(id -> launcher.helloReceived(id));
        launcher = new Launcher(runtime, gate, events, readyTimeout, runDir, Duration.ofSeconds(2));
        return launcher;
    }

    SandboxRequest request(String agent, String image, List<String> command) {
        return new SandboxRequest(runId, agent, image, command, Map.of(), LIMITS, null, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private List<String> containersOfRun() {
        try (DockerSandboxRuntime check = Engine.runtime(e -> { })) {
            return check.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("airlock.run", runId)).exec().stream().map(c -> c.getId()).toList();
        }
    }

    @Test
    void javaAgentsStartInParallelAndAreReadyWhenTheirHelloArrives() throws Exception {
        Launcher l = launcher(Duration.ofSeconds(20));
        List<AgentLaunch> agents = IntStream.range(0, 3)
                .mapToObj(i -> new AgentLaunch(request("echo" + i, "airlock/agent-java", List.of()), null)).toList();
        l.start(agents).get(60, TimeUnit.SECONDS);

        assertThat(l.status()).extracting(AgentStatus::state).containsOnly(AgentStatus.State.READY);
        assertThat(events.of(SandboxReady.class)).extracting(SandboxReady::agentId)
                .containsExactlyInAnyOrder("echo0", "echo1", "echo2");
        assertThat(containersOfRun()).hasSize(3);
        assertThat(Files.list(runDir).filter(Files::isDirectory).count()).isEqualTo(3);
        // Stats flow while they run.
        Thread.sleep(2500);
        assertThat(events.of(SandboxStats.class)).anyMatch(s -> s.memoryLimitBytes() == 128L << 20
                && s.memoryBytes() > 0);

        l.close();
        launcher = null;
        assertThat(containersOfRun()).isEmpty();
        assertThat(runDir).doesNotExist();
        assertThat(events.of(SandboxExited.class)).hasSize(3).allMatch(e -> e.reason().equals("stopped by host"));
    }

    /**
     * A fast agent can say hello before the engine's start call has returned to the launcher (stats and exit
     * watching are set up after the start). That hello must count: here the launch returns only once it came.
     */
    @Test
    void aHelloThatArrivesBeforeTheLaunchCallReturnsStillCounts() throws Exception {
        CountDownLatch helloSeen = new CountDownLatch(1);
        SandboxRuntime returnsAfterTheHello = new SandboxRuntime() {
            @Override
            public EngineInfo engine() {
                return runtime.engine();
            }

            @Override
            public AgentIdentity identityFor(SandboxOverrides overrides) {
                return runtime.identityFor(overrides);
            }

            @Override
            public Sandbox launch(SandboxRequest request) {
                Sandbox sandbox = runtime.launch(request);
                try {
                    assertThat(helloSeen.await(30, TimeUnit.SECONDS)).as("hello during the launch").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return sandbox;
            }

            @Override
            public List<String> reapLeftovers() {
                return runtime.reapLeftovers();
            }

            @Override
            public void close() {
            }
        };
        gate = new HelloServer(id -> {
            launcher.helloReceived(id);
            helloSeen.countDown();
        });
        launcher = new Launcher(returnsAfterTheHello, gate, events, Duration.ofSeconds(20), runDir,
                Duration.ofSeconds(2));
        launcher.start(List.of(new AgentLaunch(request("quick", "airlock/agent-java", List.of()), null)))
                .get(30, TimeUnit.SECONDS);

        assertThat(launcher.status()).extracting(AgentStatus::state).containsExactly(AgentStatus.State.READY);
    }

    @Test
    void failingAgentIsRestartedWithBackOffUpToTheCapThenReportedFailed() throws Exception {
        Launcher l = launcher(Duration.ofSeconds(10));
        var ready = l.start(List.of(new AgentLaunch(request("crasher", "airlock/probe", List.of("sh", "-c", "exit 3")),
                new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2))));
        l.allEnded().get(60, TimeUnit.SECONDS);

        assertThatThrownBy(() -> ready.get(1, TimeUnit.SECONDS)).hasMessageContaining("failed with exit code 3");
        List<SandboxExited> exits = events.of(SandboxExited.class);
        assertThat(exits).hasSize(3).allMatch(e -> e.exitCode() == 3);
        assertThat(exits).extracting(SandboxExited::restarting).containsExactly(true, true, false);
        assertThat(events.of(SandboxRestarted.class)).extracting(SandboxRestarted::delayMillis)
                .containsExactly(500L, 1000L);
        assertThat(l.status().get(0).state()).isEqualTo(AgentStatus.State.FAILED);
        assertThat(l.status().get(0).restarts()).isEqualTo(2);
        assertThat(containersOfRun()).isEmpty();
    }

    @Test
    void agentThatNeverSaysHelloIsStoppedWithThatReason() throws Exception {
        Launcher l = launcher(Duration.ofSeconds(1));
        var ready = l.start(List.of(new AgentLaunch(request("mute", "airlock/probe", List.of("sleep", "60")), null)));
        assertThatThrownBy(() -> ready.get(30, TimeUnit.SECONDS)).hasMessageContaining("no hello within 1000 ms");
        assertThat(events.of(SandboxExited.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("no hello within 1000 ms"));
        assertThat(containersOfRun()).isEmpty();
    }

    @Test
    void memoryExhaustionIsAnOomKillWithItsReason() throws Exception {
        Launcher l = launcher(Duration.ofSeconds(20));
        l.start(List.of(new AgentLaunch(request("hog", "airlock/probe",
                List.of("sh", "-c", "x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo survived")), null)));
        l.allEnded().get(60, TimeUnit.SECONDS);
        SandboxExited exit = events.of(SandboxExited.class).get(0);
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(exit.oomKilled()).isTrue();
        assertThat(exit.reason()).contains("out of memory");
    }
}
