package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.SandboxRequest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portable pipe (the container's attached stdio, as used with Docker Desktop), forced on this Linux engine: a
 * Java agent's hello and the ready answer travel through the engine's attach stream, and no directory is mounted.
 */
class StdioPipeTest {

    @Test
    void javaAgentSaysHelloOverAttachedStdio() throws Exception {
        Engine.Recorder events = new Engine.Recorder();
        DockerSandboxRuntime runtime;
        try {
            runtime = DockerSandboxRuntime.connect(events, Duration.ZERO, "stdio");
        } catch (EngineUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped: " + e.getMessage());
            return;
        }
        String runId = "s" + UUID.randomUUID().toString().substring(0, 8);
        try (runtime) {
            assertThat(runtime.engine().pipeMode()).isEqualTo(PipeMode.ATTACHED_STDIO);
            Engine.ensureAgentJava(runtime);
            Launcher[] holder = new Launcher[1];
            try (HelloServer gate = new HelloServer(id -> holder[0].helloReceived(id));
                 Launcher launcher = new Launcher(runtime, gate, events, Duration.ofSeconds(20), null,
                         Duration.ofSeconds(1))) {
                holder[0] = launcher;
                launcher.start(List.of(new AgentLaunch(new SandboxRequest(runId, "echo", "airlock/agent-java",
                        List.of(), Map.of(), null, null, null), null))).get(60, TimeUnit.SECONDS);
                assertThat(events.of(SandboxReady.class)).singleElement()
                        .satisfies(r -> assertThat(r.agentId()).isEqualTo("echo"));
                String id = runtime.client().listContainersCmd().withLabelFilter(Map.of("airlock.run", runId)).exec()
                        .get(0).getId();
                assertThat(runtime.client().inspectContainerCmd(id).exec().getMounts()).isEmpty();
            }
            assertThat(runtime.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
        }
    }
}
