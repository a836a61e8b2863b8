package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.sandbox.RunDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only an agent's own container can be that agent. During a live run on the real engine, host processes try every
 * socket of the run: as {@code nobody}/{@code nogroup} and as another user in group {@code nogroup} (the ids the
 * old recipe shared with every container) they can neither list the run's directories nor connect; as root, which
 * file modes do not stop, they connect but the gate refuses the peer before any hello, on the record. Throughout,
 * the launcher is not fooled and the real agents keep answering.
 */
class AgentIdentityRunTest {

    @TempDir
    Path dir;
    Path attacker;

    @AfterEach
    void removeAttacker() throws IOException {
        if (attacker != null) {
            try (Stream<Path> s = Files.walk(attacker)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void noHostProcessCanBecomeAnAgentOfALiveRun() throws Exception {
        DockerEngine.require();
        requireOrSkip("root".equals(System.getProperty("user.name")), "needs root to attack as other users");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 (apt: python3)");
        Path script = attackScript();
        Files.writeString(dir.resolve("two.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: two}
                agents:
                  - {id: first, image: airlock/agent-java}
                  - {id: second, image: airlock/agent-java}
                pipes:
                  - {from: user, to: first, direction: both}
                  - {from: user, to: second, direction: both}
                """);
        Topology topology = TopologyReader.read(dir.resolve("two.yaml")).topology();
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<Run.UserMessage> replies = new LinkedBlockingQueue<>();
        RunSpec spec = RunSpec.of(topology, dir).withStatsInterval(Duration.ZERO).withGrace(Duration.ofSeconds(2));
        try (Run session = Run.open(spec, DockerCompartments.factory(Duration.ZERO))) {
            session.events().subscribe("test", 1 << 12, events::add);
            session.onUserDelivery(replies::add);
            session.start().get(90, TimeUnit.SECONDS);
            Path base = RunDirectories.standard().base();
            Path run = base.resolve(session.id());
            List<Path> sockets;
            try (Stream<Path> s = Files.walk(run)) {
                sockets = s.filter(p -> p.getFileName().toString().equals("gate.sock")).sorted().toList();
            }
            assertThat(sockets).hasSize(2);

            // Each socket is its own agent's alone, and no two agents share an identity.
            Set<AgentIdentity> owners = new HashSet<>();
            for (Path socket : sockets) {
                AgentIdentity owner = AgentIdentity.ownerOf(socket);
                assertThat(AgentIdentity.ownerOf(socket.getParent())).isEqualTo(owner);
                assertThat(owner.uid()).isGreaterThanOrEqualTo(1_780_000_000);
                assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(Files.getPosixFilePermissions(socket.getParent()))
                        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
                owners.add(owner);
            }
            assertThat(owners).hasSize(2);
            for (Path p : List.of(base, run)) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            }

            List<String> targets = new ArrayList<>(List.of(base.toString(), run.toString()));
            sockets.forEach(s -> targets.add(s.toString()));
            for (List<String> ids : List.of(List.of("--reuid=65534", "--regid=65534", "--clear-groups"),
                    List.of("--reuid=4242", "--regid=4242", "--groups=65534"))) {
                List<String> lines = attack(script, ids, targets);
                assertThat(lines).as(String.join(" ", ids)).hasSize(targets.size())
                        .allMatch(l -> l.endsWith(" PermissionError"));
            }
            for (Path socket : sockets) {
                assertThat(helloAsRoot(socket)).as("root impostor on " + socket).isFalse();
            }

            List<GateDecision> decisions = awaitDecisions(events, "identity.peer", 2);
            assertThat(decisions).filteredOn(d -> d.rule().equals("identity.peer"))
                    .extracting(GateDecision::agent).containsExactlyInAnyOrder("first", "second");
            assertThat(decisions).filteredOn(d -> d.rule().equals("identity.peer"))
                    .allMatch(d -> d.action() == GateAction.BLOCK && d.reason().contains("root"));
            assertThat(decisions).filteredOn(d -> d.frame().equals("hello")).hasSize(2);
            assertThat(events).filteredOn(SandboxReady.class::isInstance).hasSize(2);

            for (String agent : List.of("first", "second")) {
                assertThat(session.send(agent, "message", "still you?").action()).isEqualTo(GateAction.DELIVER);
                Run.UserMessage reply = replies.poll(20, TimeUnit.SECONDS);
                assertThat(reply).as(agent + " answers").isNotNull();
                assertThat(reply.from()).isEqualTo(agent);
            }
        }
    }

    /** Like the Docker tests: skipped with a reason on a workstation, a failure under CI=true. */
    private static void requireOrSkip(boolean available, String reason) {
        if (!available && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true but the socket identity test " + reason);
        }
        Assumptions.assumeTrue(available, reason);
    }

    /** The script in a directory every user may enter (the test's own temporary directory is private). */
    private Path attackScript() throws IOException {
        attacker = Files.createTempDirectory(Path.of("/tmp"), "airlock-attacker");
        Files.setPosixFilePermissions(attacker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = attacker.resolve("socket_attack.py");
        try (InputStream in = getClass().getResourceAsStream("/socket_attack.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        return script;
    }

    private static List<String> attack(Path script, List<String> ids, List<String> targets) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv"));
        command.addAll(ids);
        command.addAll(List.of("/usr/bin/python3", script.toString()));
        command.addAll(targets);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    /** Connects as this (root) process and says hello; true if the gate answered anything. */
    private static boolean helloAsRoot(Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            try {
                ch.write(ByteBuffer.wrap(FrameCodec.encode(Frame.of(Header.type("hello").put("v", 1L).build()))));
            } catch (IOException closedOnUs) {
                return false;
            }
            // The gate either answers or closes at once, so a blocking read cannot hang.
            try {
                return ch.read(ByteBuffer.allocate(1024)) > 0;
            } catch (IOException reset) {
                return false;
            }
        }
    }

    private static List<GateDecision> awaitDecisions(List<AirlockEvent> events, String rule, int count)
            throws InterruptedException {
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(50)) {
            if (decisions(events).stream().filter(d -> d.rule().equals(rule)).count() >= count) {
                break;
            }
        }
        return decisions(events);
    }

    private static List<GateDecision> decisions(List<AirlockEvent> events) {
        return events.stream().filter(GateDecision.class::isInstance).map(GateDecision.class::cast).toList();
    }
}
