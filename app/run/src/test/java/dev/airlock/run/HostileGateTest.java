package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.hostile.HostileAgent;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.images.ClassJar;
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
 * Hostile agents in real compartments attack the real gate: a flood, malformed frames, impersonation. Each attempt
 * fails with a recorded reason, the well-behaved agent keeps answering the user, and the run leaves nothing.
 */
class HostileGateTest {

    @TempDir
    Path dir;

    @Test
    void floodMalformedFramesAndImpersonationFailWhileTheGateAndOthersKeepWorking() throws Exception {
        DockerEngine.require();
        Files.write(dir.resolve("hostile.jar"), ClassJar.jar(ClassJar.entries(HostileAgent.class,
                "dev/airlock/run/hostile/")));
        Files.writeString(dir.resolve("hostile.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: hostile}
                agents:
                  - {id: echo, image: airlock/agent-java}
                  - id: flood
                    build: {path: hostile.jar}
                    command: [java, dev.airlock.run.hostile.HostileAgent, flood]
                  - id: malformed
                    build: {path: hostile.jar}
                    command: [java, dev.airlock.run.hostile.HostileAgent, malformed]
                  - id: impersonate
                    build: {path: hostile.jar}
                    command: [java, dev.airlock.run.hostile.HostileAgent, impersonate]
                pipes:
                  - {from: user, to: echo, direction: both}
                  - {from: flood, to: echo}
                  - {from: malformed, to: echo}
                  - {from: impersonate, to: echo}
                """);
        Topology topology = TopologyReader.read(dir.resolve("hostile.yaml")).topology();
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        String runId;
        BlockingQueue<Run.UserMessage> replies = new LinkedBlockingQueue<>();
        RunSpec spec = RunSpec.of(topology, dir).withStatsInterval(Duration.ZERO).withGrace(Duration.ofSeconds(2));
        try (Run session = Run.open(spec, DockerCompartments.factory(Duration.ZERO))) {
            session.events().subscribe("test", 1 << 16, events::add);
            session.onUserDelivery(replies::add);
            runId = session.id();
            session.start().get(90, TimeUnit.SECONDS);
            Thread.sleep(3000);

            // The gate still serves the well-behaved agent and the user.
            assertThat(session.send("echo", "message", "still there?").action()).isEqualTo(GateAction.DELIVER);
            Run.UserMessage reply = replies.poll(20, TimeUnit.SECONDS);
            long replyAt = System.nanoTime();
            assertThat(reply).isNotNull();
            assertThat(reply.from()).isEqualTo("echo");
            assertThat(reply.text()).isEqualTo("echo: still there?");

            List<GateDecision> decisions = events.stream().filter(GateDecision.class::isInstance)
                    .map(GateDecision.class::cast).toList();
            // Flood: the rate limit blocked most of it, each block naming its rule.
            long floodBlocked = decisions.stream().filter(d -> d.agent().equals("flood")
                    && d.action() == GateAction.BLOCK && d.rule().equals("rate.agent")).count();
            long floodDelivered = decisions.stream().filter(d -> d.agent().equals("flood")
                    && d.frame().equals("send") && d.delivered()).count();
            assertThat(floodBlocked).isGreaterThan(4000);
            assertThat(floodDelivered).isLessThan(1000);
            // Malformed frames: refused with a frame rule, and the connection dropped for the fatal one.
            assertThat(decisions).filteredOn(d -> d.agent().equals("malformed") && d.rule().startsWith("frame."))
                    .isNotEmpty();
            assertThat(events).filteredOn(e -> e instanceof GateConnection c && c.agent().equals("malformed")
                    && !c.up()).isNotEmpty();
            // Impersonation: 'from' refused, forged token blocked, nothing reached the user as echo but the echo.
            assertThat(decisions).anyMatch(d -> d.agent().equals("impersonate") && d.rule().equals("identity.from"));
            assertThat(decisions).anyMatch(d -> d.agent().equals("impersonate") && d.action() == GateAction.BLOCK
                    && d.rule().startsWith("token"));
            assertThat(replies.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(decisions).noneMatch(d -> d.agent().equals("echo") && d.frame().equals("hello")
                    && d.monotonicNanos() > replyAt);
            // From inside, the other agents' pipe directories do not exist; the agent's own account is an event.
            List<String> impersonatorSaid = List.of();
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end
                    && !impersonatorSaid.contains("tried impersonation"); Thread.sleep(100)) {
                impersonatorSaid = events.stream().filter(e -> e instanceof SandboxOutput o
                        && o.agentId().equals("impersonate")).map(e -> ((SandboxOutput) e).line()).toList();
            }
            assertThat(impersonatorSaid).contains("tried impersonation", "/run/airlock/../0-echo/gate.sock absent")
                    .noneMatch(l -> l.contains("VISIBLE"));
        }
        // Nothing left: containers, the run's pipe directories, its temporary images.
        try (DockerSandboxRuntime check = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            assertThat(check.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
            assertThat(check.client().listImagesCmd().withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
            assertThat(check.directories().base().resolve(runId)).doesNotExist();
        }
        assertThat(events).filteredOn(e -> e instanceof SandboxExited x && !x.reason().equals("stopped by host"))
                .isEmpty();
    }
}
