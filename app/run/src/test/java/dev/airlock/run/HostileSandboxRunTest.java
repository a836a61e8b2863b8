package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.runtime.AgentStatus;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workshop's "try to get out", as one real run: agents in compartments attack from inside (network, files,
 * privileges, the engine's socket, a neighbour's pipe, memory) while a well-behaved agent keeps serving the user
 * through the real gate. Each attack fails, the run's events say why in the refusing kernel's or runtime's words,
 * and the run leaves nothing behind. {@code dev.airlock.sandbox.HostileProbeTest} covers each attack in more depth.
 */
class HostileSandboxRunTest {

    @TempDir
    Path dir;

    @Test
    void attacksFromInsideFailWithRecordedReasonsWhileTheGateKeepsServing() throws Exception {
        DockerEngine.require();
        Files.writeString(dir.resolve("breakout.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: breakout}
                agents:
                  - {id: echo, image: airlock/agent-java}
                  - id: egress
                    image: airlock/probe
                    command: [sh, -c, "echo hi | nc -w 2 127.0.0.1 80 && echo OUT; nslookup localhost 127.0.0.1 && echo OUT; exit 0"]
                  - id: writer
                    image: airlock/probe
                    command: [sh, -c, "(echo x > /etc/passwd) && echo OUT; (echo x > /run/airlock/x) && echo OUT; exit 0"]
                  - id: escalator
                    image: airlock/probe
                    command: [sh, -c, "mount -t tmpfs none /tmp && echo OUT; chown 0:0 /tmp && echo OUT; exit 0"]
                  - id: snoop
                    image: airlock/probe
                    command: [sh, -c, "cat /var/run/docker.sock > /dev/null && echo OUT; cat /run/airlock/../0-echo/gate.sock > /dev/null && echo OUT; exit 0"]
                  - id: hog
                    image: airlock/probe
                    command: [sh, -c, "x=$(head -c 400000000 /dev/zero | tr '\\\\0' a); echo OUT"]
                    resources: {memory: 64Mi}
                pipes:
                  - {from: user, to: echo, direction: both}
                """);
        Topology topology = TopologyReader.read(dir.resolve("breakout.yaml")).topology();
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        List<String> attackers = List.of("egress", "writer", "escalator", "snoop", "hog");
        String runId;
        BlockingQueue<Run.UserMessage> replies = new LinkedBlockingQueue<>();
        RunSpec spec = RunSpec.of(topology, dir).withReadyTimeout(Duration.ofSeconds(60)).withStatsInterval(Duration.ZERO)
                .withGrace(Duration.ofSeconds(2));
        try (Run session = Run.open(spec, DockerCompartments.factory(Duration.ZERO))) {
            session.events().subscribe("test", 1 << 16, events::add);
            session.onUserDelivery(replies::add);
            runId = session.id();
            // The attackers never say hello, so the run never becomes "all ready"; the echo agent does.
            session.start();
            awaitStates(session, List.of("echo"), List.of(AgentStatus.State.READY));
            awaitStates(session, attackers, List.of(AgentStatus.State.EXITED, AgentStatus.State.FAILED));

            assertThat(session.send("echo", "message", "still there?").action()).isEqualTo(GateAction.DELIVER);
            Run.UserMessage reply = replies.poll(20, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.text()).isEqualTo("echo: still there?");
            assertThat(statusOf(session, "echo").state()).isEqualTo(AgentStatus.State.READY);
        }

        assertThat(linesOf(events, attackers)).noneMatch(l -> l.contains("OUT"));
        assertThat(linesOf(events, List.of("egress"))).anyMatch(l -> l.contains("socket: Operation not permitted"));
        assertThat(linesOf(events, List.of("writer"))).anyMatch(l -> l.contains("Read-only file system"));
        assertThat(linesOf(events, List.of("escalator"))).anyMatch(l -> l.contains("Operation not permitted"))
                .anyMatch(l -> l.contains("mount: permission denied"));
        assertThat(linesOf(events, List.of("snoop")))
                .anyMatch(l -> l.contains("can't open '/var/run/docker.sock': No such file or directory"))
                .anyMatch(l -> l.contains("can't open '/run/airlock/../0-echo/gate.sock': No such file or directory"));
        SandboxExited hog = events.stream().filter(e -> e instanceof SandboxExited x && x.agentId().equals("hog"))
                .map(SandboxExited.class::cast).findFirst().orElseThrow();
        assertThat(hog.oomKilled()).isTrue();
        assertThat(hog.reason()).contains("out of memory");

        try (DockerSandboxRuntime check = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            assertThat(check.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
            assertThat(check.directories().base().resolve(runId)).doesNotExist();
        }
    }

    private static List<String> linesOf(List<AirlockEvent> events, List<String> agents) {
        return events.stream().filter(e -> e instanceof SandboxOutput o && agents.contains(o.agentId()))
                .map(e -> ((SandboxOutput) e).line()).toList();
    }

    private static AgentStatus statusOf(Run session, String agent) {
        return session.status().stream().filter(s -> s.agentId().equals(agent)).findFirst()
                .orElseThrow();
    }

    private static void awaitStates(Run session, List<String> agents, List<AgentStatus.State> states)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String agent : agents) {
            while (!states.contains(statusOf(session, agent).state())) {
                assertThat(System.nanoTime()).as(agent + " reaching " + states).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
