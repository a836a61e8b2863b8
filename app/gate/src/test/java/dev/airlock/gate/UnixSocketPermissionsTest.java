package dev.airlock.gate;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Only the agent's own identity can be the agent. The socket and its directory belong to the agent's uid:gid with
 * no access for anyone else, so host processes of other ids (here {@code nobody}/{@code nogroup} and a user in
 * group {@code nogroup}, the ids the old recipe shared with every container) are refused by the kernel; a root
 * process, which file modes do not stop, is refused by the gate's peer check with a recorded decision. The agent
 * itself, a process with exactly that uid:gid and no other group, is served. Each client is the Python client
 * from docs/protocol.md, run under {@code setpriv}.
 */
class UnixSocketPermissionsTest {

    /** An id as Airlock allocates them: high, and no account of this host. */
    static final AgentIdentity AGENT = new AgentIdentity(1_780_000_123, 1_780_000_123);
    static final int NOBODY = 65534;
    Path base;
    Path script;
    Gate gate;
    EventStream.Subscription events;
    final List<GateDecision> seen = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        requireOrSkip("root".equals(System.getProperty("user.name")), "needs root to run processes as other users");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 (apt: python3)");
        base = Files.createTempDirectory(Path.of("/tmp"), "airlock-perm");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        script = base.resolve("airlock_agent.py");
        try (InputStream in = getClass().getResourceAsStream("/airlock_agent.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        gate = Gate.start(Fixtures.topology(), GateOptions.defaults());
        events = gate.events().subscribe(1024);
    }

    /** Like the Docker tests: skipped with a reason on a workstation, a failure under CI=true. */
    private static void requireOrSkip(boolean available, String reason) {
        if (!available && "true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true but the socket identity test " + reason);
        }
        assumeTrue(available, reason);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (gate != null) {
            gate.close();
        }
        if (base != null) {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theSocketBelongsToTheAgentsIdentityAlone() throws Exception {
        Path socket = gate.listenUnix("planner", base.resolve("planner"), AGENT);
        for (Path p : List.of(socket, socket.getParent())) {
            assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(AGENT.uid());
            assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(AGENT.gid());
        }
        assertThat(Files.getPosixFilePermissions(socket.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theAgentsOwnIdentityIsServedAsItsAgent() throws Exception {
        Path socket = gate.listenUnix("planner", base.resolve("planner"), AGENT);
        Path researcherSocket = gate.listenUnix("researcher", base.resolve("researcher"), AgentIdentity.ownerOf(base));
        try (AgentClient researcher = AgentClient.ready(researcherSocket)) {
            Result r = runAs(List.of("--reuid=" + AGENT.uid(), "--regid=" + AGENT.gid(), "--clear-groups"), socket);
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).contains("ready planner").contains("reply pong");
            Frame d = researcher.next("deliver");
            assertThat(d.header().string("from")).isEqualTo("planner");
            assertThat(d.bodyText()).isEqualTo("hello from python");
        }
    }

    @Test
    void hostProcessesOfOtherIdsCannotReachTheSocket() throws Exception {
        Path socket = gate.listenUnix("planner", base.resolve("planner"), AGENT);
        Result nobody = runAs(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"), socket);
        Result inNogroup = runAs(List.of("--reuid=4242", "--regid=4242", "--groups=" + NOBODY), socket);
        for (Result r : List.of(nobody, inNogroup)) {
            assertThat(r.exit).as(r.output).isNotZero();
            assertThat(r.output).contains("PermissionError").doesNotContain("ready");
        }
        assertThat(decisions()).noneMatch(d -> d.frame().equals("hello"));
        // The real agent is not locked out by the attempts.
        Result agent = runAs(List.of("--reuid=" + AGENT.uid(), "--regid=" + AGENT.gid(), "--clear-groups"), socket);
        assertThat(agent.output).contains("ready planner");
    }

    @Test
    void aRootProcessGetsPastTheFileModesButNotThePeerCheck() throws Exception {
        Path socket = gate.listenUnix("planner", base.resolve("planner"), AGENT);
        try (AgentClient impostor = AgentClient.over(SocketChannel.open(UnixDomainSocketAddress.of(socket)))) {
            try {
                impostor.send(Frame.of(Header.type("hello").put("v", 1L).build()));
            } catch (IOException closedOnUs) {
                // The gate closed the connection before the hello was written: refused either way.
            }
            assertThat(impostor.closedByGate(5000)).isTrue();
            assertThat(impostor.drain()).isEmpty();
        }
        GateDecision refusal = decisions().stream().filter(d -> d.rule().equals("identity.peer")).findFirst()
                .orElseThrow();
        assertThat(refusal.agent()).isEqualTo("planner");
        assertThat(refusal.action()).isEqualTo(GateAction.BLOCK);
        assertThat(refusal.reason()).contains("root").contains(AGENT.toString());
        assertThat(decisions()).noneMatch(d -> d.frame().equals("hello"));
        Result agent = runAs(List.of("--reuid=" + AGENT.uid(), "--regid=" + AGENT.gid(), "--clear-groups"), socket);
        assertThat(agent.output).contains("ready planner");
    }

    /** Every decision so far; the refusal is recorded before the connection is closed. */
    private List<GateDecision> decisions() throws InterruptedException {
        for (AirlockEvent e = events.poll(200); e != null; e = events.poll(200)) {
            if (e instanceof GateDecision d) {
                seen.add(d);
            }
        }
        return seen;
    }

    record Result(int exit, String output) {
    }

    private Result runAs(List<String> ids, Path socket) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv"));
        command.addAll(ids);
        command.addAll(List.of("/usr/bin/python3", script.toString(), socket.toString(), "researcher"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
