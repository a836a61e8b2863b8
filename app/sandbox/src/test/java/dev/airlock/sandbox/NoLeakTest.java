package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole life (launch with stats, output following, the strict seccomp profile, stop) and then close: no thread
 * of the runtime, the launcher or docker-java's streams is left, and the agent ran under the strict profile.
 */
class NoLeakTest {

    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void closingTheRuntimeAndLauncherLeavesNoThreadsBehind() throws Exception {
        Engine.Recorder events = new Engine.Recorder();
        try (DockerSandboxRuntime warm = Engine.runtime(events)) {
            Engine.ensureAgentJava(warm);
        }
        Thread.sleep(500);
        Set<String> before = threads();
        String runId = "n" + UUID.randomUUID().toString().substring(0, 8);
        DockerSandboxRuntime runtime = Engine.runtime(events, Duration.ofMillis(300));
        Path runDir = runtime.directories().createRun(runId);
        Launcher[] holder = new Launcher[1];
        HelloServer gate = new HelloServer(id -> holder[0].helloReceived(id));
        Launcher launcher = new Launcher(runtime, gate, events, Duration.ofSeconds(20), runDir, Duration.ofSeconds(1));
        holder[0] = launcher;
        SandboxOverrides strict = SandboxOverrides.NONE.withSeccomp(Seccomp.STRICT);
        launcher.start(List.of(new AgentLaunch(new SandboxRequest(runId, "strict-echo", "airlock/agent-java",
                List.of(), Map.of(), null, strict, null), null))).get(60, TimeUnit.SECONDS);
        assertThat(events.of(SandboxReady.class)).anyMatch(r -> r.agentId().equals("strict-echo"));
        Thread.sleep(800);

        launcher.close();
        gate.close();
        runtime.close();
        runtime.directories().removeRun(runId);

        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<String> leaked;
        do {
            Thread.sleep(100);
            leaked = threads();
            leaked.removeAll(before);
            // The JDK's own singletons for virtual threads live for the whole JVM once any virtual thread blocked.
            leaked.removeIf(n -> n.startsWith("ForkJoinPool") || n.isEmpty() || n.equals("VirtualThread-unblocker")
                    || n.endsWith("Poller"));
        } while (!leaked.isEmpty() && System.nanoTime() < deadline);
        assertThat(leaked).as("threads left after close").isEmpty();
    }
}
